package com.membercard.importing;

import com.membercard.shared.BusinessException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The folder op38's {@code filePath} is read from ({@code MEMBERCARD_IMPORT_DIR}, by default
 * {@code $MEMBERCARD_DATA_DIR/import}), one subfolder per tenant ({@code <folder>/<tenant id>/}): a
 * tenant's {@code filePath} is resolved in its own subfolder only, so no tenant can import another's
 * file by naming it. A path is taken only when it lies inside that subfolder after every symbolic
 * link is followed; {@code ..}, an absolute path elsewhere or a link out of it answer 400 before the
 * file is opened.
 */
@Component
class ImportFolder {

    private final Path root;

    ImportFolder(@Value("${membercard.import-dir}") String folder) {
        try {
            Path configured = Path.of(folder).toAbsolutePath().normalize();
            Files.createDirectories(configured);
            this.root = configured.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the import folder " + folder, e);
        }
    }

    /** The tenant's own subfolder, made when first asked for. */
    Path of(long tenantId) {
        try {
            Path folder = root.resolve(Long.toString(tenantId));
            Files.createDirectories(folder);
            return folder.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the import folder of tenant " + tenantId, e);
        }
    }

    /** The file {@code filePath} names, as a real path inside the tenant's subfolder. */
    Path resolve(long tenantId, String filePath) {
        if (filePath == null || filePath.isBlank()) {
            throw BusinessException.invalid("filePath", "error.required");
        }
        Path given;
        try {
            given = Path.of(filePath.strip());
        } catch (InvalidPathException e) {
            throw outside();
        }
        for (Path part : given) {
            if (part.toString().equals("..")) {
                throw outside();
            }
        }
        Path folder = of(tenantId);
        Path candidate = (given.isAbsolute() ? given : folder.resolve(given)).normalize();
        if (!candidate.startsWith(folder)) {
            throw outside();
        }
        return inside(tenantId, candidate);
    }

    /** {@code path} again, followed to where it really is, refused unless that is in the tenant's subfolder. */
    Path inside(long tenantId, Path path) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw BusinessException.invalid("filePath", "error.import.noFile");
        }
        if (!real.startsWith(of(tenantId))) {
            throw outside();
        }
        if (!Files.isRegularFile(real)) {
            throw BusinessException.invalid("filePath", "error.import.noFile");
        }
        return real;
    }

    private static BusinessException outside() {
        return BusinessException.invalid("filePath", "error.import.outsideFolder");
    }
}
