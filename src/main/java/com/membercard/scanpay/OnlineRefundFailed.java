package com.membercard.scanpay;

import com.membercard.shared.Money;

/**
 * A part of an online balance refund (op27) that the gateway refused: {@code billNo} is that part's
 * balance refund bill, whose money goes back on the card. Published inside the transaction that
 * settles the refund as failed, so that the card gets its money back in the same commit.
 */
public record OnlineRefundFailed(long tenantId, String billNo, Money money) {}
