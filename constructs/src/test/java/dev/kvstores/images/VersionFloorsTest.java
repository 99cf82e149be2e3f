package dev.kvstores.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.aws.ElastiCacheEngine;
import dev.kvstores.aws.MemoryDbEngine;
import dev.kvstores.gcp.MemorystoreRedisVersion;
import dev.kvstores.kubernetes.BitnamiImages;
import dev.kvstores.kubernetes.KvrocksWorkerStateStoreProps;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The version-floor table: well-formed data with sources, the floor arithmetic, and the shipped defaults. */
class VersionFloorsTest {

    private final VersionFloors floors = VersionFloors.shipped();

    @Test
    void every_advisory_has_cve_ids_a_severity_fixed_versions_and_an_https_source_and_the_table_a_check_date() {
        assertTrue(LocalDate.parse(floors.lastChecked()).isAfter(LocalDate.parse("2026-08-27")),
                "checked after the newest advisory in it");
        assertEquals(List.of("kvrocks", "redis", "redis_exporter", "valkey"), floors.engines());
        for (String engine : floors.engines()) {
            assertFalse(floors.advisories(engine).isEmpty(), engine);
            for (VersionFloors.Advisory a : floors.advisories(engine)) {
                assertFalse(a.cves().isEmpty(), engine + " " + a);
                a.cves().forEach(cve -> assertTrue(cve.matches("CVE-\\d{4}-\\d{4,}"), cve));
                assertFalse(a.severity().isBlank(), a.toString());
                assertTrue(a.url().startsWith("https://"), a.url());
                assertTrue(LocalDate.parse(a.published()).isBefore(LocalDate.parse(floors.lastChecked()).plusDays(1)));
                a.fixed().forEach(v -> assertTrue(v.matches("\\d+\\.\\d+\\.\\d+"), v));
            }
            for (String line : floors.maintainedLines(engine)) {
                if (floors.floor(engine, line) == null) { // released after every advisory: nothing to lack
                    floors.advisories(engine).forEach(a -> a.fixed().forEach(v -> assertTrue(
                            VersionFloors.compare(line + ".0", v) > 0, engine + " " + line + " without a floor")));
                }
            }
        }
    }

    @Test
    void redis_carries_redishell_its_october_2025_siblings_and_cve_2026_23479() {
        List<String> cves = floors.advisories("redis").stream().flatMap(a -> a.cves().stream()).toList();
        assertTrue(cves.containsAll(List.of("CVE-2025-49844", "CVE-2025-46817", "CVE-2025-46818", "CVE-2025-46819",
                "CVE-2026-23479")), cves.toString());
        VersionFloors.Advisory rediShell = floors.advisories("redis").get(0);
        assertEquals(List.of("8.2.2", "8.0.4", "7.4.6", "7.2.11", "6.2.20"), rediShell.fixed());
        assertTrue(floors.advisories("valkey").get(0).cves().contains("CVE-2025-49844"), "Valkey's equivalent");
    }

    @Test
    void the_floor_of_a_line_is_its_newest_fix_and_lines_compare_numerically() {
        assertEquals("8.2.9", floors.floor("redis", "8.2"));
        assertEquals("8.10.1", floors.floor("redis", "8.10"));
        assertEquals("8.2", floors.line("redis", "8.2.12"));
        assertEquals("8.10", floors.line("redis", "8.10.1"));
        assertNull(floors.line("redis", "8.0.4"), "8.0 gets no fixes");
        assertEquals("1", floors.line("redis_exporter", "1.76.0"));
        assertTrue(VersionFloors.compare("8.10.1", "8.8.2") > 0);
        assertEquals(0, VersionFloors.compare("8.2", "8.2.0"));
    }

    @Test
    void a_version_below_its_floor_names_what_it_lacks_and_one_at_the_floor_passes() {
        String problem = floors.problem("redis", "8.2.1");
        assertTrue(problem.startsWith("redis 8.2.1 is below the floor 8.2.9 of release line 8.2: it lacks the fixes"
                + " for CVE-2025-49844 CVE-2025-46817 CVE-2025-46818 CVE-2025-46819 (critical"), problem);
        assertTrue(problem.contains("GHSA-4789-qfc9-5f9q"), problem);
        String unblock = floors.problem("redis", "8.6.2");
        assertTrue(unblock.contains("CVE-2026-23479") && !unblock.contains("CVE-2025-49844"), unblock);
        assertNull(floors.problem("redis", "8.2.9"));
        assertNull(floors.problem("redis", "8.6.6"));
        assertTrue(floors.problem("redis", "7.0.15").contains("no longer receives security fixes"));
        assertTrue(floors.problem("valkey", "8.1.4").contains("CVE-2026-56684"));
        assertNull(floors.problem("valkey", "8.1.9"));
    }

    @Test
    void the_shipped_defaults_are_on_lines_that_still_receive_fixes() {
        BitnamiImages images = BitnamiImages.defaults();
        String redis = images.reference(BitnamiImages.REDIS).versionFromTag();
        assertNotNull(floors.line("redis", redis), "the default Redis line " + redis + " still gets fixes");
        assertNull(floors.problem("redis_exporter", images.reference(BitnamiImages.EXPORTER).versionFromTag()));
        assertNull(floors.problem("kvrocks", ImageReference.parse(KvrocksWorkerStateStoreProps.DEFAULT_IMAGE)
                .versionFromTag()), "the default KVRocks image");
        assertTrue(floors.frozenSource(images.reference(BitnamiImages.REDIS)).isPresent(),
                "the library's default source is frozen: production needs a mirror");
    }

    @Test
    void every_managed_version_kvstores_offers_is_listed_with_who_patches_it() {
        for (ElastiCacheEngine e : ElastiCacheEngine.values()) {
            assertTrue(floors.managed("ElastiCache", e.label()).isPresent(), e.label());
        }
        for (MemoryDbEngine e : MemoryDbEngine.values()) {
            assertTrue(floors.managed("MemoryDB", e.label()).isPresent(), e.label());
        }
        for (MemorystoreRedisVersion v : MemorystoreRedisVersion.values()) {
            assertTrue(floors.managed("Memorystore for Redis", v.terraformName()).isPresent(), v.name());
        }
        floors.managed().forEach(m -> {
            assertFalse(m.patchedBy().isBlank(), m.service());
            assertTrue(m.url().startsWith("https://"), m.url());
        });
    }

    @Test
    void references_split_into_repository_tag_and_digest_and_a_misshapen_digest_is_named() {
        String digest = "sha256:" + "0a".repeat(32);
        ImageReference r = ImageReference.parse("registry.example.com:5000/bitnami/redis:8.2.9-debian-12-r0@" + digest);
        assertEquals(new ImageReference("registry.example.com:5000/bitnami/redis", "8.2.9-debian-12-r0", digest), r);
        assertEquals("8.2.9", r.versionFromTag());
        assertNull(r.digestProblem());
        assertEquals("2.17.0", ImageReference.parse("apache/kvrocks:v2.17.0").versionFromTag());
        assertNull(ImageReference.parse("registry.example.com:5000/redis@" + digest).tag());
        assertNull(ImageReference.parse("kubectl:latest").versionFromTag());
        assertTrue(ImageReference.parse("a/b@sha256:ABC").digestProblem().startsWith("the digest 'sha256:ABC' is not"));
    }

    @Test
    void a_digest_reaches_the_image_and_a_new_redis_tag_drops_the_digest_of_the_old_one() {
        String digest = "sha256:" + "1".repeat(64);
        BitnamiImages images = BitnamiImages.defaults().withSource("registry.example.com", "bitnami")
                .withPin(BitnamiImages.REDIS, "8.2.9-debian-12-r0", digest);
        assertEquals("registry.example.com/bitnami/redis:8.2.9-debian-12-r0@" + digest,
                images.reference(BitnamiImages.REDIS).toString());
        assertEquals(digest, images.withRedisTag("8.2.9-debian-12-r0").pin(BitnamiImages.REDIS).digest());
        assertNull(images.withRedisTag("8.2.10-debian-12-r0").pin(BitnamiImages.REDIS).digest());
    }
}
