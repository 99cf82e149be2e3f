package dev.kvstores.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Amazon States Language definition of a Worker State backup run (JSONata), built from the store and the
 * buckets. Only AWS SDK service integrations, no Lambda:
 *
 * <ol>
 *   <li>{@code <service>:createSnapshot} of the store, named {@code <store>-kvs-<yyyymmdd>t<hhmm>} (UTC start of the
 *       run), then {@code describeSnapshots} every minute until it is {@code available};</li>
 *   <li>{@code <service>:copySnapshot} with {@code TargetBucket} (the export bucket) and the dated
 *       {@code TargetSnapshotName} {@code <store>-<yyyymmdd>t<hhmm>}: the service writes one
 *       {@code <name>-0001.rdb} per shard ("Exporting a backup" / "Exporting a snapshot" pages);
 *       {@code s3:listObjectsV2} and {@code describeSnapshots} every minute until every shard's file is there and the
 *       snapshot is {@code available} again;</li>
 *   <li>per file, a server-side multipart copy ({@code createMultipartUpload} with {@code aws:kms} and the archive key,
 *       {@code uploadPartCopy} in 512 MiB parts, {@code completeMultipartUpload}) into the archive bucket under
 *       {@code <store>/}, then {@code deleteObject} of the export; a failed copy aborts its upload;</li>
 *   <li>{@code deleteSnapshot} of the temporary snapshot. Any failure deletes it too and ends in the {@code Failed}
 *       state (the execution fails, which the backup's alarm watches).</li>
 * </ol>
 *
 * Terraform references ({@code ${...}}) in the arguments are filled in by Terraform at apply.
 */
final class ExportDefinition {

    /** Bytes per {@code uploadPartCopy}: S3 allows 5 MiB-5 GiB per part and 10,000 parts (5 TiB per file here). */
    static final long PART_BYTES = 512L * 1024 * 1024;
    /** Minute polls before a snapshot or an export counts as stuck (4 hours each). */
    static final int MAX_POLLS = 240;
    /** The run's overall limit. */
    static final int TIMEOUT_SECONDS = 6 * 3600;
    /** Statuses of a snapshot that is still being created, copied or exported (ElastiCache and MemoryDB). */
    private static final String BUSY = "['creating', 'copying', 'exporting']";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportDefinition() {
    }

    /** Which service the store runs on: the SDK integration prefix and its field names. */
    enum Service {
        ELASTICACHE("elasticache", "ReplicationGroupId", "SnapshotStatus"),
        MEMORYDB("memorydb", "ClusterName", "Status");

        final String prefix;
        final String storeField;
        final String statusField;

        Service(String prefix, String storeField, String statusField) {
            this.prefix = prefix;
            this.storeField = storeField;
            this.statusField = statusField;
        }
    }

    /**
     * @param service       ElastiCache or MemoryDB
     * @param store         replication group ID / cluster name
     * @param shards        .rdb files the export writes (one per shard)
     * @param partition     the AWS partition (reference)
     * @param exportBucket  bucket the service exports into (reference or name)
     * @param archiveBucket bucket the copies are kept in (reference or name)
     * @param archiveKeyArn KMS key of the copies (reference or ARN)
     */
    static String json(Service service, String store, int shards, String partition, String exportBucket,
                       String archiveBucket, String archiveKeyArn) {
        String sdk = "arn:" + partition + ":states:::aws-sdk:";
        String prefix = store + "/";
        String stamp = "$lowercase($replace($substring($states.context.Execution.StartTime, 0, 16), /[-:]/, ''))";
        ObjectNode root = JSON.createObjectNode();
        root.put("Comment", "kvstores: nightly backup of worker state store " + store + " (" + service.prefix
                + "): snapshot, export to S3, copy under a customer-managed KMS key, delete the temporary snapshot");
        root.put("QueryLanguage", "JSONata");
        root.put("TimeoutSeconds", TIMEOUT_SECONDS);
        root.put("StartAt", "Prepare");
        ObjectNode states = root.putObject("States");

        ObjectNode prepare = state(states, "Prepare", "Pass");
        prepare.putObject("Assign")
                .put("snapshot", "{% '" + store + "-kvs-' & " + stamp + " %}")
                .put("target", "{% '" + store + "-' & " + stamp + " %}")
                .put("polls", 0);
        prepare.put("Next", "CreateSnapshot");

        ObjectNode create = task(states, "CreateSnapshot", sdk + service.prefix + ":createSnapshot");
        create.putObject("Arguments").put(service.storeField, store).put("SnapshotName", "{% $snapshot %}");
        retry(create, 120, 4);
        catchTo(create, "Failed");
        create.put("Next", "WaitForSnapshot");

        wait(states, "WaitForSnapshot", "DescribeSnapshot");
        ObjectNode describe = task(states, "DescribeSnapshot", sdk + service.prefix + ":describeSnapshots");
        describe.putObject("Arguments").put("SnapshotName", "{% $snapshot %}");
        describe.putObject("Assign")
                .put("status", "{% $states.result.Snapshots[0]." + service.statusField + " %}")
                .put("polls", "{% $polls + 1 %}");
        retry(describe, 30, 3);
        catchTo(describe, "CleanUp");
        describe.put("Next", "SnapshotReady");

        ObjectNode ready = state(states, "SnapshotReady", "Choice");
        ArrayNode readyChoices = ready.putArray("Choices");
        readyChoices.addObject().put("Condition", "{% $status = 'available' %}").put("Next", "Export")
                .putObject("Assign").put("polls", 0);
        readyChoices.addObject().put("Condition", "{% $status in " + BUSY + " and $polls < " + MAX_POLLS + " %}")
                .put("Next", "WaitForSnapshot");
        ready.put("Default", "SnapshotNotAvailable");
        stuck(states, "SnapshotNotAvailable", "SnapshotNotAvailable",
                "'snapshot ' & $snapshot & ' is ' & $status & ' after ' & $polls & ' polls'");

        ObjectNode export = task(states, "Export", sdk + service.prefix + ":copySnapshot");
        export.putObject("Arguments").put("SourceSnapshotName", "{% $snapshot %}")
                .put("TargetSnapshotName", "{% $target %}").put("TargetBucket", exportBucket);
        retry(export, 60, 3);
        catchTo(export, "CleanUp");
        export.put("Next", "WaitForExport");

        wait(states, "WaitForExport", "ListExported");
        ObjectNode list = task(states, "ListExported", sdk + "s3:listObjectsV2");
        list.putObject("Arguments").put("Bucket", exportBucket).put("Prefix", "{% $target & '-' %}");
        list.putObject("Assign")
                .put("files", "{% [$states.result.Contents.{'key': Key, 'size': Size}] %}")
                .put("polls", "{% $polls + 1 %}");
        retry(list, 30, 3);
        catchTo(list, "CleanUp");
        list.put("Next", "DescribeExportSource");

        ObjectNode source = task(states, "DescribeExportSource", sdk + service.prefix + ":describeSnapshots");
        source.putObject("Arguments").put("SnapshotName", "{% $snapshot %}");
        source.putObject("Assign").put("status", "{% $states.result.Snapshots[0]." + service.statusField + " %}");
        retry(source, 30, 3);
        catchTo(source, "CleanUp");
        source.put("Next", "ExportDone");

        ObjectNode done = state(states, "ExportDone", "Choice");
        ArrayNode doneChoices = done.putArray("Choices");
        doneChoices.addObject().put("Condition", "{% $status = 'available' and $count($files) = " + shards + " %}")
                .put("Next", "Archive");
        doneChoices.addObject().put("Condition", "{% $polls < " + MAX_POLLS + " %}").put("Next", "WaitForExport");
        done.put("Default", "ExportNotDone");
        stuck(states, "ExportNotDone", "ExportNotDone",
                "'export ' & $target & ' has ' & $count($files) & ' of " + shards + " files, snapshot ' & $status"
                        + " & ', after ' & $polls & ' polls'");

        ObjectNode archive = state(states, "Archive", "Map");
        archive.put("Items", "{% $files %}");
        archive.put("MaxConcurrency", 2);
        archive.set("ItemProcessor", archiveProcessor(sdk, exportBucket, archiveBucket, archiveKeyArn, prefix));
        catchTo(archive, "CleanUp");
        archive.put("Next", "DeleteSnapshot");

        ObjectNode delete = task(states, "DeleteSnapshot", sdk + service.prefix + ":deleteSnapshot");
        delete.putObject("Arguments").put("SnapshotName", "{% $snapshot %}");
        retry(delete, 60, 3);
        catchTo(delete, "Failed");
        delete.put("Next", "Done");
        state(states, "Done", "Succeed");

        ObjectNode cleanUp = task(states, "CleanUp", sdk + service.prefix + ":deleteSnapshot");
        cleanUp.putObject("Arguments").put("SnapshotName", "{% $snapshot %}");
        retry(cleanUp, 60, 3);
        cleanUp.putArray("Catch").addObject().put("Next", "Failed").putArray("ErrorEquals").add("States.ALL");
        cleanUp.put("Next", "Failed");

        ObjectNode failed = state(states, "Failed", "Fail");
        failed.put("Error", "KvstoresWorkerStateBackupFailed");
        failed.put("Cause", "{% $string($error) %}");
        return root.toString();
    }

    /** One file: multipart copy into the archive under the key, then delete the export; abort on failure. */
    private static ObjectNode archiveProcessor(String sdk, String exportBucket, String archiveBucket,
                                               String archiveKeyArn, String prefix) {
        ObjectNode processor = JSON.createObjectNode();
        processor.putObject("ProcessorConfig").put("Mode", "INLINE");
        processor.put("StartAt", "StartUpload");
        ObjectNode states = processor.putObject("States");

        ObjectNode start = task(states, "StartUpload", sdk + "s3:createMultipartUpload");
        start.putObject("Arguments").put("Bucket", archiveBucket)
                .put("Key", "{% '" + prefix + "' & $states.input.key %}")
                .put("ServerSideEncryption", "aws:kms").put("SSEKMSKeyId", archiveKeyArn)
                .put("BucketKeyEnabled", true);
        start.putObject("Assign").put("source", "{% $states.input.key %}").put("size", "{% $states.input.size %}")
                .put("key", "{% '" + prefix + "' & $states.input.key %}")
                .put("uploadId", "{% $states.result.UploadId %}");
        retry(start, 30, 3);
        start.put("Next", "CopyParts");

        ObjectNode parts = state(states, "CopyParts", "Map");
        parts.put("Items", "{% [0..($ceil($size / " + PART_BYTES + ") - 1)] %}");
        parts.put("MaxConcurrency", 4);
        ObjectNode partProcessor = parts.putObject("ItemProcessor");
        partProcessor.putObject("ProcessorConfig").put("Mode", "INLINE");
        partProcessor.put("StartAt", "CopyPart");
        ObjectNode copy = task(partProcessor.putObject("States"), "CopyPart", sdk + "s3:uploadPartCopy");
        copy.putObject("Arguments").put("Bucket", archiveBucket).put("Key", "{% $key %}")
                .put("UploadId", "{% $uploadId %}").put("PartNumber", "{% $states.input + 1 %}")
                .put("CopySource", "{% '" + exportBucket + "/' & $source %}")
                .put("CopySourceRange", "{% 'bytes=' & ($states.input * " + PART_BYTES + ") & '-' & ($min([($states.input"
                        + " + 1) * " + PART_BYTES + ", $size]) - 1) %}");
        copy.putObject("Output").put("PartNumber", "{% $states.input + 1 %}")
                .put("ETag", "{% $states.result.CopyPartResult.ETag %}");
        retry(copy, 30, 3);
        copy.put("End", true);
        catchTo(parts, "AbortUpload");
        parts.put("Next", "CompleteUpload");

        ObjectNode complete = task(states, "CompleteUpload", sdk + "s3:completeMultipartUpload");
        complete.putObject("Arguments").put("Bucket", archiveBucket).put("Key", "{% $key %}")
                .put("UploadId", "{% $uploadId %}").putObject("MultipartUpload").put("Parts", "{% $states.input %}");
        retry(complete, 30, 3);
        catchTo(complete, "AbortUpload");
        complete.put("Next", "DeleteExported");

        ObjectNode deleteExport = task(states, "DeleteExported", sdk + "s3:deleteObject");
        deleteExport.putObject("Arguments").put("Bucket", exportBucket).put("Key", "{% $source %}");
        retry(deleteExport, 30, 3);
        deleteExport.put("End", true);

        ObjectNode abort = task(states, "AbortUpload", sdk + "s3:abortMultipartUpload");
        abort.putObject("Arguments").put("Bucket", archiveBucket).put("Key", "{% $key %}")
                .put("UploadId", "{% $uploadId %}");
        retry(abort, 30, 3);
        abort.putArray("Catch").addObject().put("Next", "CopyFailed").putArray("ErrorEquals").add("States.ALL");
        abort.put("Next", "CopyFailed");
        ObjectNode copyFailed = state(states, "CopyFailed", "Fail");
        copyFailed.put("Error", "KvstoresArchiveCopyFailed");
        copyFailed.put("Cause", "{% 'copy of ' & $source & ' into the archive failed: ' & $string($error) %}");
        return processor;
    }

    private static ObjectNode state(ObjectNode states, String name, String type) {
        return states.putObject(name).put("Type", type);
    }

    private static ObjectNode task(ObjectNode states, String name, String resource) {
        return state(states, name, "Task").put("Resource", resource);
    }

    private static void wait(ObjectNode states, String name, String next) {
        state(states, name, "Wait").put("Seconds", 60).put("Next", next);
    }

    /** A Pass state that records why the run gives up, then cleans up. */
    private static void stuck(ObjectNode states, String name, String error, String cause) {
        ObjectNode pass = state(states, name, "Pass");
        pass.putObject("Assign").putObject("error").put("Error", error).put("Cause", "{% " + cause + " %}");
        pass.put("Next", "CleanUp");
    }

    private static void retry(ObjectNode state, int intervalSeconds, int attempts) {
        ObjectNode retry = state.putArray("Retry").addObject();
        retry.putArray("ErrorEquals").add("States.ALL");
        retry.put("IntervalSeconds", intervalSeconds).put("MaxAttempts", attempts).put("BackoffRate", 2.0);
    }

    /** Catches every error, keeps it in {@code $error} and goes to {@code next}. */
    private static void catchTo(ObjectNode state, String next) {
        ObjectNode c = state.putArray("Catch").addObject();
        c.putArray("ErrorEquals").add("States.ALL");
        c.putObject("Assign").put("error", "{% $states.errorOutput %}");
        c.put("Next", next);
    }
}
