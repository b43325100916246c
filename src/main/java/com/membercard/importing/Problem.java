package com.membercard.importing;

/**
 * One row refused or skipped: its number, the column (header as DOMAIN.md names it, Chinese/English),
 * the value it held (cut to 200 characters), and why in both languages. {@code duplicate} marks a row
 * skipped because its member or card is there already (a re-run, or an earlier row of the file).
 */
record Problem(int row, String column, String value, String reasonZh, String reasonEn, boolean duplicate) {

    static String cut(String value) {
        if (value == null) {
            return null;
        }
        return value.length() > 200 ? value.substring(0, 200) : value;
    }
}
