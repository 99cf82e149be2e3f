package dev.kvstores.azure;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProvider;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProviderConfig;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProviderFeatures;
import dev.kvstores.testing.SynthJson;
import java.util.List;

/** A test stack with the azurerm provider, and a placement in a test subnet. */
final class AzureTesting {

    static final String SUBNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers"
            + "/Microsoft.Network/virtualNetworks/aks/subnets/private-endpoints";
    static final String VNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers"
            + "/Microsoft.Network/virtualNetworks/aks";

    private AzureTesting() {
    }

    static TerraformStack stack() {
        TerraformStack stack = SynthJson.stack();
        new AzurermProvider(stack, "Azure", AzurermProviderConfig.builder()
                .features(List.of(AzurermProviderFeatures.builder().build())).build());
        return stack;
    }

    private static int probes;

    /** The Terraform expression a token stands for, read back from a synthesized output. */
    static String expression(TerraformStack stack, String value) {
        String id = "probe" + (++probes);
        new com.hashicorp.cdktf.TerraformOutput(stack, id, com.hashicorp.cdktf.TerraformOutputConfig.builder()
                .value(value).build()).overrideLogicalId(id);
        return SynthJson.synth(stack).path("output").path(id).path("value").asText();
    }

    static AzurePlacement placement() {
        return new AzurePlacement("suprsend-rg", "westeurope", SUBNET, VNET, null);
    }
}
