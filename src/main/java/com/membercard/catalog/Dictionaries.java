package com.membercard.catalog;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.KeyValue;
import com.membercard.shared.PaymentType;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The fixed code lists of the API (card statuses, issue modes, payment types, card types, sexes,
 * business status codes) with their names in the caller's language (messages*.properties,
 * {@code dict.<list>.<key>}). Other modules name a status or payment type through here. The card's
 * own lists (statuses, issue modes) are defined by the card module and asked for through
 * {@link CardCodes}.
 */
@Component
public class Dictionaries {

    /** 1 cash, 2 member card, 3 WeChat, 4 Alipay, 5 discount, 6 WeChat offline, 7 Alipay offline, 8 东付, 9 other, 10 UnionPay. */
    public static final List<Integer> PAYMENT_TYPES =
            PaymentType.all().stream().map(PaymentType::code).toList();
    /** 1 stored-value, 2 points, 3 discount, 4 combined. */
    public static final List<Integer> CARD_TYPES = List.of(1, 2, 3, 4);
    /** 0 unknown, 1 male, 2 female. */
    public static final List<Integer> SEXES = List.of(0, 1, 2);

    private final MessageSource messages;
    private final CardCodes cardCodes;

    Dictionaries(MessageSource messages, CardCodes cardCodes) {
        this.messages = messages;
        this.cardCodes = cardCodes;
    }

    /** 1 normal, 2 lost, 3 void, 4 returned: the card module's list. */
    public List<Integer> cardStatuses() {
        return cardCodes.statuses();
    }

    /** 1 at a shop, 2 electronic, 3 imported, 4 migrated: the card module's list. */
    public List<Integer> sendModes() {
        return cardCodes.sendModes();
    }

    public String cardStatusName(int status) {
        return name("cardStatus", status);
    }

    public String paymentTypeName(PaymentType paymentType) {
        return name("paymentType", paymentType.code());
    }

    public String cardTypeName(int cardType) {
        return name("cardType", cardType);
    }

    List<KeyValue<String>> list(String dictionary, List<Integer> keys) {
        return keys.stream()
                .map(key -> new KeyValue<>(key, name(dictionary, key)))
                .toList();
    }

    List<KeyValue<String>> statusCodes() {
        return Arrays.stream(BusinessCode.values())
                .map(code -> new KeyValue<>(code.code(), text(code.messageKey())))
                .toList();
    }

    private String name(String dictionary, int key) {
        return text("dict." + dictionary + "." + key);
    }

    private String text(String key) {
        return messages.getMessage(key, null, "", LocaleContextHolder.getLocale());
    }
}
