/** Members (op01–op04, op07, op19, op20), and op02's totals kept per group of cards. */
@ModuleTables(
        owns = {"member", "member_tag_link", "member_totals", "member_totals_delta", "member_totals_kept"},
        reads =
                @Table(
                        name = "card",
                        reason = "A member and their current card travel together on every list (op01–op04, op07),"
                                + " and every filter and the page order lie on the card row's indexes (the level is"
                                + " copied there): one statement joins them, where asking the card module would cost"
                                + " a query per page. KeptTotalsCheck sums the current cards the same way"),
        fedByTriggersOn =
                @Table(
                        name = "card",
                        reason = "The trigger card_member_totals (V2, V3) appends each change of a current card's"
                                + " group or sums to member_totals_delta, in the card's own transaction: op02's totals"
                                + " stay exact without a hot row, and the payment path never calls this module"))
package com.membercard.member;

import com.membercard.shared.ModuleTables;
import com.membercard.shared.ModuleTables.Table;
