package dev.kvstores.internal;

import java.util.List;

/**
 * The names a store's server certificate must cover: in-cluster DNS names of its Services and pods (clients,
 * replication, Sentinel and cluster redirects use them) and {@code localhost} / {@code 127.0.0.1}, which the
 * chart's redis-exporter sidecar connects to with host-name verification. Internal: not part of the public API.
 *
 * @param dnsNames    DNS subject alternative names, the first is also the common name
 * @param ipAddresses IP subject alternative names
 */
public record CertificateNames(List<String> dnsNames, List<String> ipAddresses) {

    public CertificateNames {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /** The names in OpenSSL's {@code subjectAltName} syntax: {@code DNS:name}, then {@code IP:address}. */
    public List<String> subjectAltNames() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        dnsNames.forEach(name -> all.add("DNS:" + name));
        ipAddresses.forEach(address -> all.add("IP:" + address));
        return List.copyOf(all);
    }

    /** Names of Services {@code services} and of every pod behind headless Service {@code headless}. */
    public static CertificateNames of(String namespace, String headless, List<String> services) {
        String suffix = "." + namespace + ".svc.cluster.local";
        java.util.ArrayList<String> dns = new java.util.ArrayList<>();
        for (String service : services) {
            dns.add(service + suffix);
        }
        dns.add(headless + suffix);
        dns.add("*." + headless + suffix);
        dns.add("localhost");
        return new CertificateNames(dns, List.of("127.0.0.1"));
    }
}
