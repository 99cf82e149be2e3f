package dev.kvstores.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tag keys kvstores writes on AWS resources, and AWS's rules for tag keys and values. The one definition of
 * both: the AWS stores, the AWS stacks and the policy rules (AWS-TAGS, the role rules) read them from here.
 *
 * <p>The rules, from AWS's "Tag naming limits and requirements"
 * (<a href="https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html">Tagging AWS resources</a>) and
 * the ElastiCache tag pattern {@code ^(?!aws:)[a-zA-Z0-9 _\.\/=+:\-@]*$}
 * (<a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticache-serverlesscache-tag.html">AWS::ElastiCache::ServerlessCache Tag</a>):
 * at most 50 tags per resource; a key is 1-128 characters, a value 0-256; neither may start with {@code aws:} in any
 * case (reserved for AWS). Characters: the general rule allows Unicode letters, digits, spaces and
 * {@code _ . : / = + - @}; ElastiCache's pattern only the ASCII ones, so that is the rule applied here.
 */
public final class AwsTags {

    /** Tag naming the store's role ({@code cache} or {@code worker-state}). */
    public static final String ROLE = "kvstores.dev/role";
    /** Tag naming the environment a resource belongs to (the environment file's name). */
    public static final String ENVIRONMENT = "kvstores.dev/environment";
    /** Default tag of the AWS provider in the shipped stacks (value {@code kvstores-cdktf}). */
    public static final String MANAGED_BY = "ManagedBy";
    /** The console's name tag: the store's name. */
    public static final String NAME = "Name";
    /** The page the rules come from. */
    public static final String RULES_PAGE = "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html";

    /** Most user tags one resource may carry. */
    public static final int MAX_TAGS = 50;
    private static final int MAX_KEY = 128;
    private static final int MAX_VALUE = 256;
    private static final Pattern CHARACTERS = Pattern.compile("[A-Za-z0-9 _.:/=+\\-@]*");

    private AwsTags() {
    }

    /**
     * What is wrong with {@code tags} under AWS's tag rules, one sentence per problem; empty when they meet them.
     * Values holding a Terraform expression ({@code ${...}}) are skipped: they are known only at apply.
     */
    public static List<String> problems(Map<String, String> tags) {
        List<String> out = new ArrayList<>();
        if (tags.size() > MAX_TAGS) {
            out.add(tags.size() + " tags, more than AWS's " + MAX_TAGS + " per resource");
        }
        tags.forEach((key, value) -> out.addAll(problems(key, value)));
        return out;
    }

    /** What is wrong with one tag under AWS's rules; empty when it meets them. */
    public static List<String> problems(String key, String value) {
        List<String> out = new ArrayList<>();
        if (key.isEmpty() || key.length() > MAX_KEY) {
            out.add("tag key '" + key + "' has " + key.length() + " characters; AWS allows 1-" + MAX_KEY);
        }
        if (!CHARACTERS.matcher(key).matches()) {
            out.add("tag key '" + key + "' has a character AWS does not allow; use ASCII letters, digits,"
                    + " spaces and _ . : / = + - @");
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            out.add("tag key '" + key + "' starts with 'aws:', which AWS reserves for its own tags");
        }
        if (value == null || value.contains("${")) {
            return out;
        }
        if (value.length() > MAX_VALUE) {
            out.add("tag '" + key + "' has a value of " + value.length() + " characters; AWS allows at most "
                    + MAX_VALUE);
        }
        if (!CHARACTERS.matcher(value).matches()) {
            out.add("tag '" + key + "' has the value '" + value + "' with a character AWS does not allow; use"
                    + " ASCII letters, digits, spaces and _ . : / = + - @");
        }
        if (value.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            out.add("tag '" + key + "' has the value '" + value + "', which starts with 'aws:' (reserved for AWS)");
        }
        return out;
    }
}
