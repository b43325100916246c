package com.membercard.shared.jdbc;

import com.membercard.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A figure of a check's row that is an amount or a count, as the row's boolean {@code money} column
 * says (the reconciliation's and the kept totals' differences): {@link Money} or {@link Long}, both a
 * number in JSON.
 */
public final class AmountOrCount {

    private AmountOrCount() {}

    public static Object read(ResultSet rs, String column) throws SQLException {
        return rs.getBoolean("money") ? Money.of(rs.getBigDecimal(column)) : (Object) rs.getLong(column);
    }
}
