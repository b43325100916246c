package com.membercard.importing;

import com.membercard.shared.BusinessException;
import com.membercard.tenancy.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * op38 from an uploaded file: the file is checked (present, .csv or .xlsx, not empty), kept in the
 * tenant's import folder under uploads/ so that an interrupted job can resume, and imported as
 * op38 imports a file named in the folder. Published for the API's upload and the admin console's,
 * with the job's progress.
 */
@Service
public class MemberUploads {

    private final MemberImport imports;
    private final ImportFolder folder;

    MemberUploads(MemberImport imports, ImportFolder folder) {
        this.imports = imports;
        this.folder = folder;
    }

    public ImportStarted start(
            Caller caller, MultipartFile file, Long memberCardClassId, Long memberLevelId, Long shopId) {
        if (file == null) {
            // a 400 naming the part, not Spring's MissingServletRequestPartException (a 500 here)
            throw BusinessException.invalid("file", "error.required");
        }
        String original = file.getOriginalFilename() == null
                ? ""
                : Path.of(file.getOriginalFilename().replace('\\', '/'))
                        .getFileName()
                        .toString();
        String lower = original.toLowerCase(Locale.ROOT);
        String extension = lower.endsWith(".csv") ? ".csv" : lower.endsWith(".xlsx") ? ".xlsx" : null;
        if (extension == null) {
            throw BusinessException.invalid("file", "error.import.extension");
        }
        if (file.isEmpty()) {
            throw BusinessException.invalid("file", "error.import.empty");
        }
        Path target;
        try {
            Path directory = folder.of(caller.tenantId()).resolve("uploads");
            Files.createDirectories(directory);
            target = directory.resolve(UUID.randomUUID() + extension);
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return imports.start(
                    caller,
                    folder.inside(caller.tenantId(), target),
                    original.isBlank() ? target.getFileName().toString() : original,
                    new ImportRequest(target.getFileName().toString(), shopId, memberCardClassId, memberLevelId));
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    /** A job's progress, warnings and failure, as op38's job endpoint shows it. */
    public ImportJobView job(long tenantId, long id) {
        return imports.view(tenantId, id);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // an upload that no job names is only disk space
        }
    }
}
