package dev.kvstores.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tag names kvstores writes on Azure resources, and Azure's rules for tag names and values. The one
 * definition of both: the Azure stores, the Azure stacks and the policy rules (AZURE-TAGS, the role rules) read
 * them from here.
 *
 * <p>The rules, from Azure Resource Manager's tag limitations
 * (<a href="https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/tag-resources#limitations">Use
 * tags to organize your Azure resources</a>): at most 50 tag name/value pairs per resource; a name is at most 512
 * characters, a value at most 256; names may not contain {@code < > % & \ ? /}; names are case-insensitive, so two
 * names that differ only in case are one tag. azurerm checks only the count and the lengths: a forbidden character
 * passes {@code terraform plan} and fails at apply.
 */
public final class AzureTags {

    /** Tag naming the store's role ({@code cache} or {@code worker-state}). */
    public static final String ROLE = "kvstores-role";
    /** Tag naming the environment a resource belongs to (the environment file's name). */
    public static final String ENVIRONMENT = "kvstores-environment";
    /** Tag marking the resources kvstores manages (value {@code kvstores}). */
    public static final String MANAGED_BY = "managed-by";
    /** The page the rules come from. */
    public static final String RULES_PAGE = "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/tag-resources#limitations";

    /** Most tags one resource may carry. */
    public static final int MAX_TAGS = 50;
    /** Characters a tag name may not contain. */
    public static final String FORBIDDEN_NAME_CHARACTERS = "<>%&\\?/";
    private static final int MAX_NAME = 512;
    private static final int MAX_VALUE = 256;

    private AzureTags() {
    }

    /**
     * What is wrong with {@code tags} under Azure's tag rules, one sentence per problem; empty when they meet them.
     * Values holding a Terraform expression ({@code ${...}}) are skipped: they are known only at apply.
     */
    public static List<String> problems(Map<String, String> tags) {
        List<String> out = new ArrayList<>();
        if (tags.size() > MAX_TAGS) {
            out.add(tags.size() + " tags, more than Azure's " + MAX_TAGS + " per resource");
        }
        Set<String> seen = new TreeSet<>();
        for (Map.Entry<String, String> tag : new java.util.TreeMap<>(tags).entrySet()) {
            if (!seen.add(tag.getKey().toLowerCase(Locale.ROOT))) {
                out.add("tag name '" + tag.getKey() + "' differs from another only in case; Azure tag names are"
                        + " case-insensitive");
            }
            out.addAll(problems(tag.getKey(), tag.getValue()));
        }
        return out;
    }

    /** What is wrong with one tag under Azure's rules; empty when it meets them. */
    public static List<String> problems(String name, String value) {
        List<String> out = new ArrayList<>();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            out.add("tag name '" + name + "' has " + name.length() + " characters; Azure allows 1-" + MAX_NAME);
        }
        StringBuilder forbidden = new StringBuilder();
        name.chars().filter(c -> FORBIDDEN_NAME_CHARACTERS.indexOf(c) >= 0).distinct()
                .forEach(c -> forbidden.append(forbidden.length() == 0 ? "" : " ").append((char) c));
        if (forbidden.length() > 0) {
            out.add("tag name '" + name + "' contains " + forbidden + ", which Azure tag names may not contain"
                    + " (< > % & \\ ? /); use letters, digits and '-', e.g. '"
                    + name.replaceAll("[<>%&\\\\?/.]+", "-") + "'");
        }
        if (value != null && !value.contains("${") && value.length() > MAX_VALUE) {
            out.add("tag '" + name + "' has a value of " + value.length() + " characters; Azure allows at most "
                    + MAX_VALUE);
        }
        return out;
    }
}
