package com.membercard.importing;

import java.util.Locale;
import java.util.Optional;

/**
 * A column of a member file (DOMAIN.md "Import and migration"): its Chinese and English header, and
 * the op19 field it feeds (named in the error report when op19's validation refuses that field).
 */
enum Column {
    NAME("姓名", "name", "name"),
    PHONE("手机", "phone", "phone"),
    SEX("性别", "sex", "sex"),
    BIRTHDAY("生日", "birthday", "birthday"),
    ID_CARD("证件号", "idCard", "idCard"),
    ADDRESS("地址", "address", "address"),
    CARD_CODE("卡号", "cardCode", "cardCode"),
    MAC("卡密", "mac", "cardMac"),
    BALANCE("余额", "balance", null),
    GIVE_BALANCE("赠送余额", "giveBalance", null),
    ACTUAL_BALANCE("实际余额", "actualBalance", null),
    POINTS("积分", "points", null),
    TAGS("标签", "tags", "memberTagIds"),
    LEVEL("等级", "level", "memberLevelId");

    private final String chinese;
    private final String english;
    private final String requestField;

    Column(String chinese, String english, String requestField) {
        this.chinese = chinese;
        this.english = english;
        this.requestField = requestField;
    }

    String chinese() {
        return chinese;
    }

    String english() {
        return english;
    }

    /** The header as the file gave it, trimmed, in either language (English case-insensitive). */
    static Optional<Column> of(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String text = header.strip();
        for (Column column : values()) {
            if (column.chinese.equals(text)
                    || column.english.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /** The column that feeds op19's field {@code field}, when one does. */
    static Optional<Column> feeding(String field) {
        for (Column column : values()) {
            if (field.equals(column.requestField)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }
}
