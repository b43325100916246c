package com.membercard.card;

import com.membercard.tenancy.Actor;

/**
 * One change of a card's state or of its PIN (then {@code from} and {@code to} are the state it stays
 * in), recorded with who, where and the request's serial.
 */
record CardEvent(long cardId, Kind kind, CardStatus from, CardStatus to, Actor actor, String serial, String remark) {

    enum Kind {
        REPORTED_LOST,
        LOSS_CANCELLED,
        VOIDED,
        RETURNED,
        REPLACED,
        PIN_SET,
        PIN_CHANGED,
        PIN_CLEARED
    }
}
