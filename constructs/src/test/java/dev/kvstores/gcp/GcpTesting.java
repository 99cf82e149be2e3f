package dev.kvstores.gcp;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import com.hashicorp.cdktf.providers.google.provider.GoogleProviderConfig;
import dev.kvstores.testing.SynthJson;

/** A test stack with the google provider, and valid props for both stores. */
final class GcpTesting {

    static final String NETWORK = "projects/acme-prod/global/networks/platform";
    static final String KEY = "projects/acme-prod/locations/us-central1/keyRings/suprsend/cryptoKeys/redis";

    private GcpTesting() {
    }

    static TerraformStack stack() {
        TerraformStack stack = SynthJson.stack();
        new GoogleProvider(stack, "Google", GoogleProviderConfig.builder().project("acme-prod")
                .region("us-central1").build());
        return stack;
    }

    static MemorystoreCacheStoreProps.Builder cache() {
        return MemorystoreCacheStoreProps.builder().name("suprsend-cache").region("us-central1")
                .authorizedNetwork(NETWORK).locationId("us-central1-a").alternativeLocationId("us-central1-b");
    }

    static MemorystoreWorkerStateStoreProps.Builder worker() {
        return MemorystoreWorkerStateStoreProps.builder().name("suprsend-worker-state").region("us-central1")
                .authorizedNetwork(NETWORK).locationId("us-central1-b").alternativeLocationId("us-central1-c");
    }
}
