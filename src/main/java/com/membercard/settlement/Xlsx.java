package com.membercard.settlement;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A report as an .xlsx sheet, written through POI's streaming SXSSF: only a window of rows is in
 * memory, the rest goes to a compressed temporary file that closing the workbook deletes, so a sheet
 * of any length streams in bounded memory. A header row (Chinese), the rows, a totals row (合计).
 */
final class Xlsx {

    /** Rows kept in memory while writing. */
    private static final int WINDOW = 200;

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
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW)) {
            workbook.setCompressTempFiles(true);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle money = workbook.createCellStyle();
            money.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
            Sheet sheet = workbook.createSheet(sheetName);
            int r = 0;
            Row header = sheet.createRow(r++);
            for (int c = 0; c < headers.size(); c++) {
                Cell cell = header.createCell(c);
                cell.setCellValue(headers.get(c));
                cell.setCellStyle(bold);
            }
            for (List<Object> values : rows) {
                fill(sheet.createRow(r++), values, money, null);
            }
            fill(sheet.createRow(r), totals.get(), money, bold);
            workbook.write(out);
        }
    }

    private static void fill(Row row, List<Object> values, CellStyle money, CellStyle style) {
        for (int c = 0; c < values.size(); c++) {
            Object value = values.get(c);
            if (value == null) {
                continue;
            }
            Cell cell = row.createCell(c);
            if (value instanceof BigDecimal amount) {
                // The one place an amount passes through a double: the file format stores every
                // number cell as one (ECMA-376, xsd:double). An amount of at most 99999999999.99 is
                // exact to the fen there (well under 2^53 fen), and POI writes the shortest decimal
                // that reads back as it, i.e. the amount itself. The JSON report keeps the decimal.
                cell.setCellValue(amount.doubleValue());
                cell.setCellStyle(money);
            } else if (value instanceof Number number) {
                cell.setCellValue(number.longValue());
            } else {
                cell.setCellValue(value.toString());
            }
            if (style != null && !(value instanceof BigDecimal)) {
                cell.setCellStyle(style);
            }
        }
    }
}
