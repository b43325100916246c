package com.membercard.card;

import com.membercard.catalog.CardCodes;
import java.util.List;
import org.springframework.stereotype.Component;

/** The card's code lists for the dictionaries, read from the enums that define them. */
@Component
class CardCodeLists implements CardCodes {

    @Override
    public List<Integer> statuses() {
        return CardStatus.codes();
    }

    @Override
    public List<Integer> sendModes() {
        return CardSendMode.codes();
    }
}
