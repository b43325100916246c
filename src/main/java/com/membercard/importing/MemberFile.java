package com.membercard.importing;

import com.membercard.shared.BusinessException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A member file read row by row, never held whole: a .csv ({@link CsvFile}) or a .xlsx
 * ({@link XlsxFile}). Whatever makes the file unusable as a whole (its kind, its size, its encoding,
 * a zip bomb, a row of a million cells) is a {@link BusinessException} naming {@code filePath}.
 */
interface MemberFile extends Closeable {

    /** The most cells a row may have: a member file has 14 columns, a spreadsheet some more. */
    int MAX_CELLS = 200;

    /** One row as read: its number as a spreadsheet shows it (the header is 1), its cells as text. */
    record FileRow(int number, List<String> cells, List<Boolean> formulas) {

        String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }

        boolean formula(int index) {
            return index < formulas.size() && formulas.get(index);
        }

        boolean blank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }

    /** The next row, or null at the end. */
    FileRow next() throws IOException;

    /** How far into the file the reading is, 0 to 1, when the reader can tell. */
    default double progress() {
        return 0;
    }

    /** Opens the file as its name's extension says, after checking that its content says the same. */
    static MemberFile open(Path path, long maxBytes) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        long size = Files.size(path);
        if (size == 0) {
            throw refused("error.import.empty");
        }
        if (size > maxBytes) {
            throw refused("error.import.tooLarge", maxBytes / (1024 * 1024));
        }
        if (name.endsWith(".csv")) {
            return CsvFile.open(path, size);
        }
        if (name.endsWith(".xlsx")) {
            return XlsxFile.open(path);
        }
        throw refused("error.import.extension");
    }

    static BusinessException refused(String key, Object... args) {
        return BusinessException.invalid("filePath", key, args);
    }
}
