package com.membercard.importing;

import com.membercard.importing.MemberFile.FileRow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The header row of a member file: which cell holds which {@link Column}, in any order, Chinese or
 * English. Unknown headers are ignored with a warning; a column given twice (姓名 and name count as
 * the same) or a missing name or card code column refuse the file.
 */
final class Header {

    private static final List<Column> REQUIRED = List.of(Column.NAME, Column.CARD_CODE);

    private final Map<Column, Integer> indexes;
    private final List<String> unknown;

    private Header(Map<Column, Integer> indexes, List<String> unknown) {
        this.indexes = indexes;
        this.unknown = unknown;
    }

    static Header of(FileRow row) {
        if (row == null || row.blank()) {
            throw MemberFile.refused("error.import.noHeader");
        }
        Map<Column, Integer> indexes = new EnumMap<>(Column.class);
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < row.cells().size(); i++) {
            String text = row.cell(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            Optional<Column> column = Column.of(text);
            if (column.isEmpty()) {
                unknown.add(text.length() > 50 ? text.substring(0, 50) : text);
            } else if (indexes.putIfAbsent(column.get(), i) != null) {
                throw MemberFile.refused("error.import.duplicateHeader", text);
            }
        }
        for (Column column : REQUIRED) {
            if (!indexes.containsKey(column)) {
                throw MemberFile.refused("error.import.missingColumn", column.chinese() + "/" + column.english());
            }
        }
        return new Header(indexes, unknown);
    }

    /** The cell of {@code column} in {@code row}, stripped; empty when the file has no such column. */
    String value(FileRow row, Column column) {
        Integer index = indexes.get(column);
        return index == null ? "" : row.cell(index).strip();
    }

    boolean has(Column column) {
        return indexes.containsKey(column);
    }

    /** Whether the cell of {@code column} holds a formula. */
    boolean formula(FileRow row, Column column) {
        Integer index = indexes.get(column);
        return index != null && row.formula(index);
    }

    List<String> unknown() {
        return unknown;
    }
}
