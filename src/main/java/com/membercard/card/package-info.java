/**
 * Cards: issuing, proving one by its secret, PIN or payment code ({@code CardAuthentication}, one rule
 * for every operation), locking one for the ledger, lookups (op08), states (op33, op34, op36), PINs,
 * payment codes (op39).
 */
@ModuleTables(owns = {"card", "card_event", "pay_code", "card_secret_miss"})
package com.membercard.card;

import com.membercard.shared.ModuleTables;
