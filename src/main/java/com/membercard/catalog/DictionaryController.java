package com.membercard.catalog;

import com.membercard.shared.KeyValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/dicts")
@Tag(name = "Dictionaries (字典)", description = "Names follow Accept-Language (Chinese by default)")
class DictionaryController {

    private final Dictionaries dictionaries;

    DictionaryController(Dictionaries dictionaries) {
        this.dictionaries = dictionaries;
    }

    @GetMapping("/card-statuses")
    @Operation(summary = "op05 卡状态字典 — card statuses", description = "1 正常, 2 挂失, 3 作废, 4 已退卡")
    List<KeyValue<String>> cardStatuses() {
        return dictionaries.list("cardStatus", dictionaries.cardStatuses());
    }

    @GetMapping("/card-send-modes")
    @Operation(summary = "op06 发卡方式字典 — card issue modes", description = "1 门店发卡, 2 电子卡, 3 导入, 4 迁移")
    List<KeyValue<String>> cardSendModes() {
        return dictionaries.list("sendMode", dictionaries.sendModes());
    }

    @GetMapping("/payment-types")
    @Operation(summary = "支付方式字典 — payment types")
    List<KeyValue<String>> paymentTypes() {
        return dictionaries.list("paymentType", Dictionaries.PAYMENT_TYPES);
    }

    @GetMapping("/card-types")
    @Operation(summary = "卡类型字典 — card types")
    List<KeyValue<String>> cardTypes() {
        return dictionaries.list("cardType", Dictionaries.CARD_TYPES);
    }

    @GetMapping("/sexes")
    @Operation(summary = "性别字典 — sexes", description = "0 未知, 1 男, 2 女")
    List<KeyValue<String>> sexes() {
        return dictionaries.list("sex", Dictionaries.SEXES);
    }

    @GetMapping("/status-codes")
    @Operation(summary = "业务状态码 — business status codes of every answer")
    List<KeyValue<String>> statusCodes() {
        return dictionaries.statusCodes();
    }
}
