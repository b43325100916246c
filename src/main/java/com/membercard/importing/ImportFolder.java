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
 * {@code $MEMBERCARD_DATA_DIR/import}). A path is taken only when it lies inside it after every
 * symbolic link is followed; {@code ..}, an absolute path elsewhere or a link out of it answer 400
 * before the file is opened.
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

    Path root() {
        return root;
    }

    /** The file {@code filePath} names, as a real path inside the folder. */
    Path resolve(String filePath) {
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
        Path candidate = (given.isAbsolute() ? given : root.resolve(given)).normalize();
        if (!candidate.startsWith(root)) {
            throw outside();
        }
        return inside(candidate);
    }

    /** {@code path} again, followed to where it really is, refused unless that is inside the folder. */
    Path inside(Path path) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw BusinessException.invalid("filePath", "error.import.noFile");
        }
        if (!real.startsWith(root)) {
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
