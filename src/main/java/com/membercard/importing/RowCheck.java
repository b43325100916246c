package com.membercard.importing;

import com.membercard.importing.MemberFile.FileRow;
import com.membercard.member.MemberRequest;
import com.membercard.shared.Money;
import com.membercard.shared.validation.MoneyAmount;
import com.membercard.shared.web.DateTimeJson;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one row of a member file into op19's request plus its opening balances, or into the
 * problems that refuse it. Only what a file writes differently from a JSON body is parsed here (性别
 * 男/女, a date typed in Excel, tags and level by name, amounts as text); every rule op19 has is
 * op19's own: the bean validation of {@link MemberRequest} (through {@link Reasons}) now, and
 * {@code MemberManagement.create} when the row is imported.
 */
final class RowCheck {

    /** What a row becomes: op19's request, and what its card holds when it arrives. */
    record Candidate(int row, MemberRequest request, Money real, Money gift, long points, Map<Column, String> values) {}

    /** A candidate, or why not. */
    record Outcome(Candidate candidate, List<Problem> problems) {}

    /** The amounts of a row under the same rule as every money field of a request. */
    record OpeningAmounts(
            @MoneyAmount(zeroAllowed = true) BigDecimal balance,
            @MoneyAmount(zeroAllowed = true) BigDecimal giveBalance,
            @MoneyAmount(zeroAllowed = true) BigDecimal actualBalance,
            @PositiveOrZero @Max(999_999_999L) Long points) {}

    private static final Pattern TAG_SEPARATORS = Pattern.compile("[,，;；|、]");
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    /** What every row of one job shares. */
    record Context(
            long cardClassId,
            Long defaultLevelId,
            Long shopId,
            Map<String, Long> levelsByName,
            Map<String, Long> tagsByName,
            int sendMode) {}

    private final Header header;
    private final Context context;
    private final Reasons reasons;

    RowCheck(Header header, Context context, Reasons reasons) {
        this.header = header;
        this.context = context;
        this.reasons = reasons;
    }

    Outcome check(FileRow row) {
        int n = row.number();
        List<Problem> problems = new ArrayList<>();
        Map<Column, String> values = new java.util.EnumMap<>(Column.class);
        for (Column column : Column.values()) {
            if (header.has(column)) {
                values.put(column, header.value(row, column));
                if (header.formula(row, column)) {
                    problems.add(reasons.problem(n, label(column), header.value(row, column), "error.import.formula"));
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        Integer sex = sex(n, values.getOrDefault(Column.SEX, ""), problems);
        LocalDateTime birthday = birthday(n, values.getOrDefault(Column.BIRTHDAY, ""), problems);
        Long levelId = level(n, values.getOrDefault(Column.LEVEL, ""), problems);
        List<Long> tagIds = tags(n, values.getOrDefault(Column.TAGS, ""), problems);
        BigDecimal balance = amount(n, Column.BALANCE, values, problems);
        BigDecimal give = amount(n, Column.GIVE_BALANCE, values, problems);
        BigDecimal actual = amount(n, Column.ACTUAL_BALANCE, values, problems);
        Long points = points(n, values.getOrDefault(Column.POINTS, ""), problems);
        MemberRequest request = new MemberRequest(
                values.getOrDefault(Column.NAME, ""),
                sex,
                birthday,
                blankToNull(values.get(Column.PHONE)),
                blankToNull(values.get(Column.ID_CARD)),
                blankToNull(values.get(Column.ADDRESS)),
                null,
                levelId,
                tagIds,
                blankToNull(values.get(Column.CARD_CODE)),
                blankToNull(values.get(Column.MAC)),
                null,
                context.cardClassId(),
                context.sendMode(),
                null,
                context.shopId(),
                null);
        problems.addAll(reasons.violations(n, request, RowCheck::columnOfField, field -> valueOfField(values, field)));
        OpeningAmounts amounts = new OpeningAmounts(balance, give, actual, points);
        problems.addAll(
                reasons.violations(n, amounts, RowCheck::columnOfAmount, field -> values.get(amountColumn(field))));
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        Money gift = give == null ? Money.ZERO : Money.of(give);
        Money real;
        if (actual != null) {
            real = Money.of(actual);
            if (balance != null && Money.of(balance).compareTo(real.plus(gift)) != 0) {
                problems.add(reasons.problem(
                        n, label(Column.BALANCE), values.get(Column.BALANCE), "error.import.balanceSum"));
            }
        } else {
            Money whole = balance == null ? Money.ZERO : Money.of(balance);
            real = whole.minus(gift);
            if (real.isNegative()) {
                problems.add(reasons.problem(
                        n,
                        label(Column.GIVE_BALANCE),
                        values.get(Column.GIVE_BALANCE),
                        "error.import.giftAboveBalance"));
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        return new Outcome(new Candidate(n, request, real, gift, points == null ? 0 : points, values), List.of());
    }

    static String label(Column column) {
        return column.chinese() + "/" + column.english();
    }

    /** The column that an op19 field (as its refusal names it) came from. */
    static String columnOfField(String field) {
        return Column.feeding(field).map(RowCheck::label).orElse(field);
    }

    private static String valueOfField(Map<Column, String> values, String field) {
        return Column.feeding(field).map(values::get).orElse(null);
    }

    private static Column amountColumn(String field) {
        return switch (field) {
            case "balance" -> Column.BALANCE;
            case "giveBalance" -> Column.GIVE_BALANCE;
            case "actualBalance" -> Column.ACTUAL_BALANCE;
            default -> Column.POINTS;
        };
    }

    private static String columnOfAmount(String field) {
        return label(amountColumn(field));
    }

    private Integer sex(int n, String text, List<Problem> problems) {
        if (text.isEmpty()) {
            return null;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "男", "m", "male" -> {
                return 1;
            }
            case "女", "f", "female" -> {
                return 2;
            }
            case "未知", "unknown" -> {
                return 0;
            }
            default -> {
                if (text.matches("\\d{1,3}")) {
                    return Integer.valueOf(text); // 0..2, or op19's own @Max refuses it
                }
                problems.add(reasons.problem(n, label(Column.SEX), text, "error.type"));
                return null;
            }
        }
    }

    private LocalDateTime birthday(int n, String text, List<Problem> problems) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.matches("\\d{1,6}")) {
                // a date cell of a spreadsheet arrives as its serial day number
                return EXCEL_EPOCH.plusDays(Long.parseLong(text)).atStartOfDay();
            }
            return DateTimeJson.parse(text.replace('/', '-'));
        } catch (DateTimeParseException e) {
            problems.add(reasons.problem(n, label(Column.BIRTHDAY), text, "error.type"));
            return null;
        }
    }

    private Long level(int n, String name, List<Problem> problems) {
        if (name.isEmpty()) {
            return context.defaultLevelId();
        }
        Long id = context.levelsByName().get(name);
        if (id == null) {
            problems.add(reasons.problem(n, label(Column.LEVEL), name, "error.unknownReference"));
        }
        return id;
    }

    private List<Long> tags(int n, String text, List<Problem> problems) {
        if (text.isEmpty()) {
            return null;
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String name : TAG_SEPARATORS.split(text)) {
            String tag = name.strip();
            if (tag.isEmpty()) {
                continue;
            }
            Long id = context.tagsByName().get(tag);
            if (id == null) {
                problems.add(reasons.problem(n, label(Column.TAGS), tag, "error.unknownReference"));
            } else {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    private BigDecimal amount(int n, Column column, Map<Column, String> values, List<Problem> problems) {
        String text = values.getOrDefault(column, "");
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            problems.add(reasons.problem(n, label(column), text, "error.import.money"));
            return null;
        }
    }

    private Long points(int n, String text, List<Problem> problems) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add(reasons.problem(n, label(Column.POINTS), text, "error.import.points"));
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
