package dev.kvstores.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The label keys kvstores writes on GCP resources, and Google Cloud's rules for label keys and values. The one
 * definition of both: the Memorystore stores, the GCP stacks and the policy rules (GCP-LABELS, the role rule)
 * read them from here.
 *
 * <p>The rules, from Google Cloud's "Requirements for labels"
 * (<a href="https://cloud.google.com/resource-manager/docs/creating-managing-labels#requirements">Creating and
 * managing labels</a>): at most 64 labels per resource; a key is 1-63 characters and starts with a lowercase
 * letter or an international character; a value is 0-63 characters; keys and values use only lowercase letters,
 * digits, {@code _} and {@code -} (international characters are allowed).
 */
public final class GcpLabels {

    /** Label naming the store's role ({@code cache} or {@code worker-state}). */
    public static final String ROLE = "kvstores-role";
    /** Label naming the environment a resource belongs to (the environment file's name). */
    public static final String ENVIRONMENT = "kvstores-environment";
    /** Label marking the resources kvstores manages (value {@code kvstores}). */
    public static final String MANAGED_BY = "managed-by";
    /** The page the rules come from. */
    public static final String RULES_PAGE = "https://cloud.google.com/resource-manager/docs/creating-managing-labels#requirements";

    /** Most labels one resource may carry. */
    public static final int MAX_LABELS = 64;
    private static final Pattern KEY = Pattern.compile("[\\p{Ll}\\p{Lo}][\\p{Ll}\\p{Lo}\\p{N}_-]{0,62}");
    private static final Pattern VALUE = Pattern.compile("[\\p{Ll}\\p{Lo}\\p{N}_-]{0,63}");

    private GcpLabels() {
    }

    /**
     * What is wrong with {@code labels} under Google Cloud's label rules, one sentence per problem; empty when they
     * meet them. Values holding a Terraform expression ({@code ${...}}) are skipped: they are known only at apply.
     */
    public static List<String> problems(Map<String, String> labels) {
        List<String> out = new ArrayList<>();
        if (labels.size() > MAX_LABELS) {
            out.add(labels.size() + " labels, more than Google Cloud's " + MAX_LABELS + " per resource");
        }
        labels.forEach((key, value) -> out.addAll(problems(key, value)));
        return out;
    }

    /** What is wrong with one label under Google Cloud's rules; empty when it meets them. */
    public static List<String> problems(String key, String value) {
        List<String> out = new ArrayList<>();
        if (!KEY.matcher(key).matches()) {
            out.add("label key '" + key + "' is not a Google Cloud label key: 1-63 lowercase letters, digits, '_'"
                    + " and '-', starting with a lowercase letter");
        }
        if (value != null && !value.contains("${") && !VALUE.matcher(value).matches()) {
            out.add("label '" + key + "' has the value '" + value + "', which is not a Google Cloud label value:"
                    + " at most 63 lowercase letters, digits, '_' and '-'");
        }
        return out;
    }
}
