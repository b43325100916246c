/**
 * The till's money commands: pay (op21–op24), recharge (op29, op17, op31), balance refunds and
 * returns (op18, op32, op30), replacement (op35), gifts (op37). No SQL of its own: each command runs
 * the card, catalog and ledger modules' services in one transaction.
 */
@ModuleTables
package com.membercard.payment;

import com.membercard.shared.ModuleTables;
