package com.membercard.card;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * New cards and new members for the reports (settlement module), published here so that no other
 * module reads the card table. A card counts on the tenant's calendar day it was opened, at its
 * issuing shop; a new member is a member whose first card it is (a replacement card is a new card
 * of a member already counted).
 */
@Service
public class CardOpenings {

    /** How the openings are grouped. */
    public enum By {
        DAY,
        SHOP
    }

    /** One line: the key (a day yyyy-MM-dd, or a shop id; null for cards without a shop). */
    public record Line(String key, long cards, long members) {}

    private final JdbcClient jdbc;

    CardOpenings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Cards opened on the tenant's days {@code from}..{@code to} (in {@code zone}), of one shop or all. */
    public List<Line> opened(long tenantId, ZoneId zone, LocalDate from, LocalDate to, Long shopId, By by) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        String key = by == By.DAY ? "to_char(c.created_at at time zone :zone, 'YYYY-MM-DD')" : "c.shop_id::text";
        return jdbc.sql("""
                        select %s as key, count(*) as cards,
                               count(*) filter (where not exists (
                                   select 1 from card f where f.tenant_id = c.tenant_id and f.member_id = c.member_id
                                     and f.id < c.id)) as members
                        from card c
                        where c.tenant_id = :tenantId and c.created_at >= :start and c.created_at < :end
                          and (cast(:shopId as bigint) is null or c.shop_id = :shopId)
                        group by 1 order by 1 nulls last
                        """.formatted(key))
                .param("tenantId", tenantId)
                .param("zone", zone.getId())
                .param("start", java.sql.Timestamp.from(start))
                .param("end", java.sql.Timestamp.from(end))
                .param("shopId", shopId)
                .query((rs, n) -> new Line(rs.getString("key"), rs.getLong("cards"), rs.getLong("members")))
                .list();
    }
}
