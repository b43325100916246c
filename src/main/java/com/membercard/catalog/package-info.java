/**
 * Card classes, member levels, tags, gifts, recharge plans, settings (op15/op16), dictionaries
 * (op05/op06).
 */
@ModuleTables(owns = {"tenant_setting", "card_class", "member_level", "member_tag", "gift", "recharge_plan"})
package com.membercard.catalog;

import com.membercard.shared.ModuleTables;
