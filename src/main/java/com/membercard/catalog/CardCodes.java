package com.membercard.catalog;

import java.util.List;

/**
 * The code lists that belong to cards (their states, the ways they are issued), for the
 * dictionaries to name. The card module defines them and implements this; the catalogue only asks,
 * since the card module depends on the catalogue and not the other way round.
 */
public interface CardCodes {

    /** op05: 1 normal, 2 lost, 3 void, 4 returned. */
    List<Integer> statuses();

    /** op06: 1 at a shop, 2 electronic, 3 imported, 4 migrated. */
    List<Integer> sendModes();
}
