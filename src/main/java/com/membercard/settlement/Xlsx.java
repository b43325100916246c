package com.membercard.settlement;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A report as an .xlsx sheet, written with fastexcel (as op38's error report is) straight into the
 * response: rows leave in batches of {@value #BATCH} as the zip is written, so the download starts
 * at once and a sheet of any length needs the memory of one batch. Strings are written inline, so
 * no table of every distinct string grows with the sheet. POI's SXSSF, used before, wrote the whole
 * sheet to a compressed temporary file first and sent nothing until it was done: 14 of the 16
 * seconds of a 100,000-bill sheet passed before the first byte (bench/README.md, "Business day").
 * A header row (Chinese), the rows, a totals row (合计).
 */
final class Xlsx {

    /** Rows held before they are written out. */
    private static final int BATCH = 1_000;

    private static final String MONEY = "0.00";

    private Xlsx() {}

    /**
     * Cells are strings, numbers (amounts as BigDecimal, counts as Long) or null. The totals row is
     * asked for after the rows, so that a sheet streamed from the database can sum them as they pass.
     */
    static void write(
            OutputStream out,
            String sheetName,
            List<String> headers,
            Iterable<List<Object>> rows,
            Supplier<List<Object>> totals)
            throws IOException {
        Workbook workbook = new Workbook(out, "membercard", "1.0");
        Worksheet sheet = workbook.newWorksheet(sheetName);
        for (int c = 0; c < headers.size(); c++) {
            sheet.inlineString(0, c, headers.get(c));
            sheet.style(0, c).bold().set();
        }
        int r = 1;
        for (List<Object> values : rows) {
            fill(sheet, r++, values, false);
            if (r % BATCH == 0) {
                sheet.flush();
            }
        }
        fill(sheet, r, totals.get(), true);
        workbook.finish();
    }

    private static void fill(Worksheet sheet, int r, List<Object> values, boolean bold) {
        for (int c = 0; c < values.size(); c++) {
            Object value = values.get(c);
            if (value == null) {
                continue;
            }
            if (value instanceof BigDecimal amount) {
                // written as its decimal text (the file format reads every number cell as an
                // xsd:double, exact to the fen for any amount under 2^53 fen), shown with 2 places
                sheet.value(r, c, amount);
                if (bold) {
                    sheet.style(r, c).bold().format(MONEY).set();
                } else {
                    sheet.style(r, c).format(MONEY).set();
                }
            } else {
                if (value instanceof Number number) {
                    sheet.value(r, c, number.longValue());
                } else {
                    sheet.inlineString(r, c, value.toString());
                }
                if (bold) {
                    sheet.style(r, c).bold().set();
                }
            }
        }
    }
}
