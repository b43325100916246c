package com.membercard.console;

import com.membercard.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bar chart of two daily amounts (recharges and card payments), laid out here so that the page
 * draws it as plain SVG: no script, nothing from elsewhere. Coordinates are in a {@link #WIDTH} ×
 * {@link #HEIGHT} view box; amounts are exact and only the bars' heights are scaled.
 */
record DailyChart(List<Day> days, Money highest) {

    static final int WIDTH = 640;
    static final int HEIGHT = 200;
    /** Room under the bars for the day numbers. */
    static final int AXIS = 16;

    /** One day's two bars: x of the first, the width of each, and each bar's top and height. */
    record Day(LocalDate date, Money first, Money second, double x, double width, double firstTop, double secondTop) {

        public double firstHeight() {
            return HEIGHT - AXIS - firstTop;
        }

        public double secondHeight() {
            return HEIGHT - AXIS - secondTop;
        }

        public double secondX() {
            return x + width;
        }

        public double labelX() {
            return x + width;
        }

        public int dayOfMonth() {
            return date.getDayOfMonth();
        }
    }

    static DailyChart of(LocalDate from, LocalDate to, Map<LocalDate, Money> first, Map<LocalDate, Money> second) {
        List<LocalDate> dates = from.datesUntil(to.plusDays(1)).toList();
        Money highest = Money.ZERO;
        for (LocalDate date : dates) {
            highest = max(highest, first.getOrDefault(date, Money.ZERO));
            highest = max(highest, second.getOrDefault(date, Money.ZERO));
        }
        double slot = (double) WIDTH / dates.size();
        double barWidth = slot * 0.4;
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            LocalDate date = dates.get(i);
            Money a = first.getOrDefault(date, Money.ZERO);
            Money b = second.getOrDefault(date, Money.ZERO);
            days.add(new Day(date, a, b, i * slot + slot * 0.1, barWidth, top(a, highest), top(b, highest)));
        }
        return new DailyChart(days, highest);
    }

    private static double top(Money amount, Money highest) {
        if (!highest.isPositive() || !amount.isPositive()) {
            return HEIGHT - AXIS;
        }
        BigDecimal share = amount.amount().divide(highest.amount(), 4, RoundingMode.HALF_UP);
        return (HEIGHT - AXIS) - share.doubleValue() * (HEIGHT - AXIS - 4);
    }

    private static Money max(Money a, Money b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
