package dev.kvstores.naming;

import java.util.regex.Pattern;

/**
 * The names of the object stores that backups are written to: an S3 bucket, an Azure storage account and blob
 * container, and a folder path (prefix) inside any of them. The one definition of these rules: the AWS, Azure and
 * in-cluster backups check their destinations with them (each says what is wrong in its own words).
 *
 * <p>The rules: S3's "General purpose bucket naming rules" (3-63 lowercase letters, digits, {@code .} and {@code -},
 * a letter or digit at both ends, no {@code ..}, not an IP address); Azure's storage account (3-24 lowercase letters
 * and digits) and container names (3-63 lowercase letters, digits and single hyphens, a letter or digit at both
 * ends). A folder path is segments of letters, digits, {@code .}, {@code _} and {@code -} separated by {@code /},
 * each starting with a letter or digit, so that no segment is {@code ..} (which would leave the prefix).
 */
public final class ObjectStoreNames {

    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IPV4 = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final Pattern AZURE_STORAGE_ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    private static final Pattern AZURE_CONTAINER = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]");
    private static final Pattern FOLDER_PATH = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

    private ObjectStoreNames() {
    }

    /** Whether {@code name} is a name S3 accepts for a bucket. */
    public static boolean isS3Bucket(String name) {
        return name != null && S3_BUCKET.matcher(name).matches() && !name.contains("..")
                && !IPV4.matcher(name).matches();
    }

    /** Whether {@code name} is an Azure storage account name. */
    public static boolean isAzureStorageAccount(String name) {
        return name != null && AZURE_STORAGE_ACCOUNT.matcher(name).matches();
    }

    /** Whether {@code name} is an Azure blob container name. */
    public static boolean isAzureContainer(String name) {
        return name != null && AZURE_CONTAINER.matcher(name).matches();
    }

    /** Whether {@code path} is a folder path without a leading or trailing {@code /} and without a {@code ..}. */
    public static boolean isFolderPath(String path) {
        return path != null && FOLDER_PATH.matcher(path).matches();
    }
}
