package com.membercard.importing;

import com.membercard.importing.JdbcImportJobs.Job;
import com.membercard.importing.JdbcImportJobs.Key;
import com.membercard.shared.BusinessException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs import and migration jobs one at a time on a thread of their own, and at every start picks
 * up the jobs a stop interrupted: each resumes after its last committed chunk.
 */
@Component
class ImportRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final JdbcImportJobs jobs;
    private final FileImport fileImport;
    private final Migration migration;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "import-job");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Key> queued = ConcurrentHashMap.newKeySet();

    ImportRunner(JdbcImportJobs jobs, FileImport fileImport, Migration migration) {
        this.jobs = jobs;
        this.fileImport = fileImport;
        this.migration = migration;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        for (Key key : jobs.unfinished()) {
            log.info("Resuming import job {} of tenant {}", key.id(), key.tenantId());
            submit(key);
        }
    }

    void submit(Key key) {
        if (queued.add(key)) {
            executor.execute(() -> {
                try {
                    run(key);
                } finally {
                    queued.remove(key);
                }
            });
        }
    }

    private void run(Key key) {
        Job job = jobs.find(key.tenantId(), key.id()).orElse(null);
        if (job == null || job.finished()) {
            return;
        }
        try {
            if ("MIGRATION".equals(job.kind())) {
                migration.run(job);
            } else {
                fileImport.run(job);
            }
        } catch (BusinessException e) {
            Object[] args = e.args();
            jobs.failed(
                    key.tenantId(),
                    key.id(),
                    e.messageKey(),
                    args == null || args.length == 0 ? null : String.valueOf(args[0]));
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                // the service is stopping: the job stays RUNNING and resumes at the next start
                return;
            }
            log.error("Import job {} of tenant {} failed", key.id(), key.tenantId(), e);
            jobs.failed(key.tenantId(), key.id(), "error.import.internal", null);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
