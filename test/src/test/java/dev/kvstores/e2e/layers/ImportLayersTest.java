package dev.kvstores.e2e.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The import rule of docs/architecture.md ("Layers") holds for the main sources, and the check catches each break. */
class ImportLayersTest {

    private static final Path PROJECT = Path.of(System.getProperty("kvstores.projectDir", ".")).toAbsolutePath()
            .normalize();

    @Test
    void mainSourcesUseOnlyLowerLayers() {
        Map<String, String> sources = ImportLayers.sources(PROJECT);
        assertTrue(sources.size() > 100, "found only " + sources.size() + " source files under " + PROJECT);
        List<ImportLayers.Violation> violations = ImportLayers.check(sources);
        if (!violations.isEmpty()) {
            fail(violations.size() + " uses break the layer rule (docs/architecture.md, \"Layers\"):\n"
                    + violations.stream().map(Object::toString).collect(Collectors.joining("\n")) + "\n"
                    + "Move the shared name or type down a layer, or let the caller pass it in (docs/architecture.md).");
        }
    }

    @Test
    void everyShippedPackageIsInALayer() {
        for (String file : ImportLayers.sources(PROJECT).keySet()) {
            String pkg = file.substring(file.indexOf("/java/") + 6, file.lastIndexOf('/')).replace('/', '.');
            assertTrue(ImportLayers.componentOf(pkg) != null, file + ": package " + pkg + " is in no layer");
        }
    }

    @Test
    void aBackendImportingThePolicyRulesIsReportedWithFileImportAndRule() {
        List<ImportLayers.Violation> found = check("constructs/src/main/java/dev/kvstores/aws/Store.java", """
                package dev.kvstores.aws;

                import dev.kvstores.role.StoreRole;
                import dev.kvstores.policy.PolicyReport;

                public final class Store {
                }
                """);
        assertEquals(1, found.size(), found.toString());
        ImportLayers.Violation v = found.get(0);
        assertEquals("constructs/src/main/java/dev/kvstores/aws/Store.java", v.file());
        assertEquals(4, v.line());
        assertEquals("import dev.kvstores.policy.PolicyReport", v.text());
        assertTrue(v.rule().startsWith("sideways: dev.kvstores.aws uses dev.kvstores.policy, both backends and"
                + " policy rules"), v.rule());
    }

    @Test
    void aSharedBuildingBlockImportingABackendPointsUp() {
        List<ImportLayers.Violation> found = check("x/internal/Release.java", """
                package dev.kvstores.internal;

                import static dev.kvstores.kubernetes.ClusterEgress.ANY;
                import dev.kvstores.connection.ConnectionUrls;

                final class Release {
                }
                """);
        assertEquals(1, found.size(), found.toString());
        assertEquals("import static dev.kvstores.kubernetes.ClusterEgress.ANY", found.get(0).text());
        assertTrue(found.get(0).rule().startsWith("points up: dev.kvstores.internal (shared building blocks) uses"
                + " dev.kvstores.kubernetes (backends and policy rules, a higher layer)"), found.get(0).rule());
    }

    @Test
    void aPlatformUsingTheStackThatCallsItPointsUp() {
        List<ImportLayers.Violation> found = check("p/AwsPlatform.java", """
                package dev.kvstores.stacks.platform.aws;

                import dev.kvstores.stacks.EnvironmentStack;
                import dev.kvstores.stacks.platform.PlatformStack;
                import dev.kvstores.aws.ElastiCacheCacheStore;
                """);
        assertEquals(List.of("import dev.kvstores.stacks.EnvironmentStack"),
                found.stream().map(ImportLayers.Violation::text).toList());
    }

    @Test
    void packagesOfOneLayerThatUseEachOtherAreACycle() {
        Map<String, String> sources = new TreeMap<>();
        sources.put("p/azure/AzurePlatform.java", """
                package dev.kvstores.stacks.platform.azure;
                import dev.kvstores.stacks.platform.kubernetes.InCluster;
                """);
        sources.put("p/kubernetes/InCluster.java", """
                package dev.kvstores.stacks.platform.kubernetes;
                import dev.kvstores.stacks.platform.azure.AzureSettings;
                """);
        sources.put("p/gcp/GcpPlatform.java", """
                package dev.kvstores.stacks.platform.gcp;
                import dev.kvstores.stacks.platform.kubernetes.InCluster;
                """);
        List<ImportLayers.Violation> found = ImportLayers.check(sources);
        assertEquals(List.of("p/azure/AzurePlatform.java:2", "p/kubernetes/InCluster.java:2"),
                found.stream().map(v -> v.file() + ":" + v.line()).toList(), found.toString());
        assertTrue(found.get(0).rule().startsWith("cycle: dev.kvstores.stacks.platform.azure,"
                + " dev.kvstores.stacks.platform.kubernetes use each other (platforms)"), found.get(0).rule());
    }

    @Test
    void aFullyQualifiedReferenceInCodeCountsButNotInCommentsOrStrings() {
        List<ImportLayers.Violation> found = check("r/Rule.java", """
                package dev.kvstores.policy.rules;

                /** Reads what {@link dev.kvstores.aws.WorkerStateExport} writes. */
                final class Rule {
                    // dev.kvstores.gcp.MemorystoreBackup writes this too
                    String key = "dev.kvstores.azure.AzureTags";
                    String text = \"""
                            dev.kvstores.kubernetes.WorkerStateBackup
                            \""";
                    Object tag = dev.kvstores.aws.AwsTags.ROLE;
                }
                """);
        assertEquals(List.of("r/Rule.java:10: reference dev.kvstores.aws.AwsTags"),
                found.stream().map(v -> v.file() + ":" + v.line() + ": " + v.text()).toList());
    }

    @Test
    void aPackageInNoLayerIsRefused() {
        List<ImportLayers.Violation> found = check("o/Oci.java", """
                package dev.kvstores.oci;
                """);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).rule().startsWith("package dev.kvstores.oci is in no layer"), found.get(0).rule());
        List<ImportLayers.Violation> importing = check("s/Stack.java", """
                package dev.kvstores.stacks;
                import dev.kvstores.oci.OciStore;
                """);
        assertEquals(1, importing.size(), importing.toString());
        assertTrue(importing.get(0).rule().startsWith("package dev.kvstores.oci is in no layer"));
    }

    @Test
    void downwardImportsAndOtherLibrariesAreAllowed() {
        assertEquals(List.of(), check("a/App.java", """
                package dev.kvstores.app;
                import com.hashicorp.cdktf.App;
                import dev.kvstores.stacks.EnvironmentStack;
                import dev.kvstores.stacks.environment.Environment;
                import dev.kvstores.policy.PolicyPack;
                import dev.kvstores.exemption.*;
                import dev.kvstores.StoreConfigException;
                """));
        assertEquals(List.of(), check("r/Rule.java", """
                package dev.kvstores.policy.rules.gcp;
                import dev.kvstores.policy.rules.WorkerStateBackupRequired;
                import dev.kvstores.naming.GcpLabels;
                import dev.kvstores.role.StoreRole;
                """));
    }

    private static List<ImportLayers.Violation> check(String file, String source) {
        return ImportLayers.check(Map.of(file, source));
    }
}
