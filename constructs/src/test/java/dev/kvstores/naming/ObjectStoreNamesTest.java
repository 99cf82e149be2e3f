package dev.kvstores.naming;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ObjectStoreNamesTest {

    @Test
    void an_s3_bucket_may_hold_dots_but_not_two_in_a_row_nor_be_an_ip_address() {
        assertTrue(ObjectStoreNames.isS3Bucket("acme.kvstores-backups"));
        assertFalse(ObjectStoreNames.isS3Bucket("acme..backups"));
        assertFalse(ObjectStoreNames.isS3Bucket("192.168.10.20"));
        assertFalse(ObjectStoreNames.isS3Bucket("Acme-Backups"));
        assertFalse(ObjectStoreNames.isS3Bucket("ab"));
    }

    @Test
    void an_azure_container_has_single_hyphens_and_an_account_only_lowercase_letters_and_digits() {
        assertTrue(ObjectStoreNames.isAzureContainer("worker-state-backups"));
        assertFalse(ObjectStoreNames.isAzureContainer("worker--state"));
        assertTrue(ObjectStoreNames.isAzureStorageAccount("acmebackups01"));
        assertFalse(ObjectStoreNames.isAzureStorageAccount("acme-backups"));
    }

    @Test
    void a_folder_path_cannot_leave_its_prefix_nor_start_or_end_with_a_slash() {
        assertTrue(ObjectStoreNames.isFolderPath("backups/kvstores.v2/prod_1"));
        assertFalse(ObjectStoreNames.isFolderPath("kvstores/../prod"));
        assertFalse(ObjectStoreNames.isFolderPath("/kvstores"));
        assertFalse(ObjectStoreNames.isFolderPath("kvstores/"));
        assertFalse(ObjectStoreNames.isFolderPath("my backups"));
    }
}
