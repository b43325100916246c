package com.membercard.importing;

import java.io.BufferedInputStream;
import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A .csv member file: UTF-8 (with or without a byte order mark) or GBK, told apart by decoding the
 * first 64 KB strictly; every later byte is decoded strictly too, so a file that is neither fails
 * as a whole ({@code error.import.encoding}) instead of importing garbled names.
 */
final class CsvFile implements MemberFile {

    private static final int SNIFF = 64 * 1024;
    private static final Charset GBK = Charset.forName("GBK");

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Counting counting;
    private final long size;

    private CsvFile(CSVParser parser, Counting counting, long size) {
        this.parser = parser;
        this.records = parser.iterator();
        this.counting = counting;
        this.size = size;
    }

    static CsvFile open(Path path, long size) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(SNIFF);
        }
        boolean bom =
                head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
        for (byte b : head) {
            if (b == 0) {
                throw MemberFile.refused("error.import.content");
            }
        }
        Charset charset;
        if (bom || decodes(head, StandardCharsets.UTF_8, head.length < SNIFF)) {
            charset = StandardCharsets.UTF_8;
        } else if (decodes(head, GBK, head.length < SNIFF)) {
            charset = GBK;
        } else {
            throw MemberFile.refused("error.import.encoding");
        }
        Counting counting = new Counting(new BufferedInputStream(Files.newInputStream(path), 64 * 1024));
        try {
            if (bom) {
                counting.skipNBytes(3);
            }
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            CSVFormat format = CSVFormat.DEFAULT
                    .builder()
                    .setIgnoreEmptyLines(true)
                    .setIgnoreSurroundingSpaces(true)
                    .get();
            return new CsvFile(CSVParser.parse(new InputStreamReader(counting, decoder), format), counting, size);
        } catch (IOException | RuntimeException e) {
            counting.close();
            throw e;
        }
    }

    /** Whether the bytes decode without error; an end cut in the middle of a character is forgiven. */
    private static boolean decodes(byte[] bytes, Charset charset, boolean whole) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(bytes.length + 16);
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), out, whole);
        if (result.isError()) {
            return false;
        }
        return !whole || !decoder.flush(out).isError();
    }

    @Override
    public FileRow next() throws IOException {
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause());
        } catch (IllegalStateException e) {
            // commons-csv wraps what the reader threw (a malformed byte) or a broken quote
            throw e.getCause() instanceof IOException io ? unreadable(io) : MemberFile.refused("error.import.content");
        }
        if (record.size() > MAX_CELLS) {
            throw MemberFile.refused("error.import.tooManyCells", MAX_CELLS);
        }
        List<String> cells = new ArrayList<>(record.size());
        List<Boolean> formulas = new ArrayList<>(record.size());
        for (String value : record) {
            String text = value == null ? "" : value;
            cells.add(text);
            formulas.add(text.startsWith("="));
        }
        return new FileRow((int) record.getRecordNumber(), cells, Collections.unmodifiableList(formulas));
    }

    private static RuntimeException unreadable(IOException e) {
        if (e instanceof CharacterCodingException || e instanceof CharConversionException) {
            return MemberFile.refused("error.import.encoding");
        }
        return new UncheckedIOException(e);
    }

    @Override
    public double progress() {
        return size == 0 ? 1 : Math.min(1, (double) counting.count / size);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** Counts the bytes read, for the job's percent. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
