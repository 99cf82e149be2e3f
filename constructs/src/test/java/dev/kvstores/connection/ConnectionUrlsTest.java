package dev.kvstores.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.StoreRole;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectionUrlsTest {

    private static ConnectionInfo info(boolean tls, String user, boolean cluster) {
        return new ConnectionInfo("redis.ns.svc.cluster.local", 6379, tls, user, "${pw}", null, cluster);
    }

    @Test
    void cache_url_uses_rediss_with_tls_and_has_no_database_number() {
        assertEquals("rediss://suprsend-cache:s3cret@redis.ns.svc.cluster.local:6379",
                ConnectionUrls.url(StoreRole.CACHE, info(true, "suprsend-cache", false), "s3cret"));
    }

    @Test
    void worker_url_ends_with_db_zero_unless_cluster_mode() {
        assertEquals("rediss://:pw@redis.ns.svc.cluster.local:6379/0",
                ConnectionUrls.url(StoreRole.WORKER_STATE, info(true, null, false), "pw"));
        assertEquals("rediss://:pw@redis.ns.svc.cluster.local:6379",
                ConnectionUrls.url(StoreRole.WORKER_STATE, info(true, null, true), "pw"));
    }

    @Test
    void plain_redis_scheme_exactly_when_tls_is_off() {
        assertEquals("redis://:pw@redis.ns.svc.cluster.local:6379",
                ConnectionUrls.url(StoreRole.CACHE, info(false, null, false), "pw"));
    }

    @Test
    void password_is_percent_encoded_with_space_as_percent_20() {
        String password = "a@b:c/d%e+f?g h";
        String url = ConnectionUrls.url(StoreRole.CACHE, info(true, "u", false), password);
        assertEquals("rediss://u:a%40b%3Ac%2Fd%25e%2Bf%3Fg%20h@redis.ns.svc.cluster.local:6379", url);
        String encoded = url.substring("rediss://u:".length(), url.indexOf('@', "rediss://u:".length()));
        assertEquals(password, URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8));
    }

    @Test
    void port_comes_from_the_resources_port_attribute_when_it_exports_one() {
        ConnectionInfo info = new ConnectionInfo("${azurerm_redis_cache.c.hostname}", 6380, true, "default", "${pw}",
                null, false, "${azurerm_redis_cache.c.ssl_port}");
        assertEquals("rediss://default:pw@${azurerm_redis_cache.c.hostname}:${azurerm_redis_cache.c.ssl_port}",
                ConnectionUrls.url(StoreRole.CACHE, info, "pw"));
        assertEquals("${azurerm_redis_cache.c.hostname}:${azurerm_redis_cache.c.ssl_port}", info.endpoint());
        assertEquals("6380", new ConnectionInfo("h", 6380, true, null, "${pw}", null, false).urlPort());
    }

    @Test
    void terraform_url_encodes_the_password_reference_at_apply_time() {
        String url = ConnectionUrls.terraformUrl(StoreRole.WORKER_STATE, info(true, "suprsend-worker", false));
        assertEquals(true, url.startsWith("rediss://suprsend-worker:"));
        assertEquals(true, url.endsWith("@redis.ns.svc.cluster.local:6379/0"));
    }
}
