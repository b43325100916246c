package com.membercard.importing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A job as {@code GET /api/v1/import-jobs/{id}} shows it: its state (QUEUED, RUNNING, DONE,
 * FAILED), how far it got, its warnings, and why it failed as a whole when it did.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJobView(
        long id,
        String kind,
        String fileName,
        String status,
        int rowsTotal,
        int rowsRead,
        int rowsImported,
        int rowsSkipped,
        int rowsFailed,
        int percent,
        List<String> warnings,
        String failure,
        int drawnSecrets,
        LocalDateTime createdAt,
        LocalDateTime finishedAt) {}
