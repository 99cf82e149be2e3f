package dev.kvstores.connection;

import com.hashicorp.cdktf.Fn;
import dev.kvstores.role.ConnectionInfo;
import dev.kvstores.role.StoreRole;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Builds the platform's connection URLs from {@link ConnectionInfo}.
 *
 * <ul>
 *   <li>{@code rediss://} exactly when TLS is on, else {@code redis://};</li>
 *   <li>the resource's own port attribute where {@link ConnectionInfo#portReference()} names one;</li>
 *   <li>user and password percent-encoded ({@code %20} for a space, never {@code +}, which a URL's user
 *       info would read as a literal plus);</li>
 *   <li>Cache Store: no database number; Worker State Store: {@code /0} unless cluster mode.</li>
 * </ul>
 */
public final class ConnectionUrls {

    private ConnectionUrls() {
    }

    /**
     * The URL as a Terraform expression: the password stays a reference and is encoded at apply time with
     * {@code replace(urlencode(password), "+", "%20")}.
     */
    public static String terraformUrl(StoreRole role, ConnectionInfo info) {
        return build(role, info, info.password(),
                value -> Fn.replace(Fn.urlencode(value), "+", "%20"));
    }

    /** The URL from concrete values (tests, tooling); the same rules as {@link #terraformUrl}. */
    public static String url(StoreRole role, ConnectionInfo info, String password) {
        return build(role, info, password, ConnectionUrls::percentEncode);
    }

    private static String build(StoreRole role, ConnectionInfo info, String password,
                                UnaryOperator<String> encodePassword) {
        StringBuilder url = new StringBuilder(info.tlsEnabled() ? "rediss://" : "redis://");
        if (info.username() != null) {
            url.append(percentEncode(info.username()));
        }
        url.append(':').append(encodePassword.apply(password)).append('@');
        url.append(info.host()).append(':').append(info.urlPort());
        if (role == StoreRole.WORKER_STATE && !info.clusterMode()) {
            url.append("/0");
        }
        return url.toString();
    }

    /**
     * Percent-encodes every byte except RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~}).
     * Decodes to the same string as Terraform's {@code urlencode} followed by {@code + -> %20}.
     */
    public static String percentEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
