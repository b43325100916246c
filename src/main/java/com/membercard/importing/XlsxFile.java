package com.membercard.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

/**
 * A .xlsx member file, its first sheet read as a stream of rows (fastexcel-reader: no workbook in
 * memory). Before anything is parsed the zip's directory is checked: a renamed PDF, too many
 * entries, or entries that unpack to far more than the file (a zip bomb) refuse the file.
 */
final class XlsxFile implements MemberFile {

    /** What all entries together may unpack to. */
    static final long MAX_UNPACKED = 1024L * 1024 * 1024;
    /** How much larger than its packed size an entry of more than a megabyte may unpack. */
    static final long MAX_RATIO = 100;

    private static final int MAX_ENTRIES = 10_000;

    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;

    private XlsxFile(ReadableWorkbook workbook, Stream<Row> stream) {
        this.workbook = workbook;
        this.stream = stream;
        this.rows = stream.iterator();
    }

    static XlsxFile open(Path path) throws IOException {
        byte[] magic;
        try (InputStream in = Files.newInputStream(path)) {
            magic = in.readNBytes(4);
        }
        if (!ReadableWorkbook.isOOXMLZipHeader(magic)) {
            throw MemberFile.refused("error.import.content");
        }
        checkZip(path);
        ReadableWorkbook workbook;
        try {
            workbook = new ReadableWorkbook(path.toFile(), new ReadingOptions(false, false));
        } catch (IOException | RuntimeException e) {
            throw MemberFile.refused("error.import.content");
        }
        try {
            return new XlsxFile(workbook, workbook.getFirstSheet().openStream());
        } catch (IOException | RuntimeException e) {
            workbook.close();
            throw MemberFile.refused("error.import.content");
        }
    }

    private static void checkZip(Path path) throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            long unpacked = 0;
            int entries = 0;
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++entries > MAX_ENTRIES) {
                    throw MemberFile.refused("error.import.zipBomb");
                }
                long size = entry.getSize();
                long packed = Math.max(1, entry.getCompressedSize());
                if (size < 0) {
                    continue;
                }
                unpacked += size;
                if (unpacked > MAX_UNPACKED || (size > 1024 * 1024 && size / packed > MAX_RATIO)) {
                    throw MemberFile.refused("error.import.zipBomb");
                }
            }
        } catch (ZipException e) {
            throw MemberFile.refused("error.import.content");
        }
    }

    @Override
    public FileRow next() throws IOException {
        Row row;
        try {
            if (!rows.hasNext()) {
                return null;
            }
            row = rows.next();
        } catch (UncheckedIOException e) {
            throw MemberFile.refused("error.import.content");
        } catch (RuntimeException e) {
            // a broken sheet (XML errors surface as runtime exceptions of the reader)
            throw MemberFile.refused("error.import.content");
        }
        int count = row.getCellCount();
        if (count > MAX_CELLS) {
            throw MemberFile.refused("error.import.tooManyCells", MAX_CELLS);
        }
        List<String> cells = new ArrayList<>(count);
        List<Boolean> formulas = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Cell cell = row.getCell(i);
            formulas.add(cell != null && (cell.getFormula() != null || cell.getType() == CellType.FORMULA));
            cells.add(text(cell));
        }
        return new FileRow(row.getRowNum(), cells, formulas);
    }

    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return "";
        }
        if (cell.getType() == CellType.NUMBER) {
            BigDecimal number = cell.asNumber();
            return number == null ? "" : number.stripTrailingZeros().toPlainString();
        }
        String text = cell.getText();
        return text == null ? "" : text;
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            workbook.close();
        }
    }
}
