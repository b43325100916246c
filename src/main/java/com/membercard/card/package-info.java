/** Cards: opening, secrets and PINs, lookups (op08), states (op33, op34, op36), payment codes (op39). */
@ModuleTables(owns = {"card", "card_event", "pay_code"})
package com.membercard.card;

import com.membercard.shared.ModuleTables;
