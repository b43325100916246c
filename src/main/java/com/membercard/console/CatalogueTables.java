package com.membercard.console;

import static com.membercard.console.ConsoleForms.money;
import static com.membercard.console.ConsoleForms.number;
import static com.membercard.console.ConsoleForms.whole;
import static com.membercard.console.ConsoleForms.yesNo;

import com.membercard.catalog.CardClass;
import com.membercard.catalog.CardClassRequest;
import com.membercard.catalog.CardClasses;
import com.membercard.catalog.DeductOrder;
import com.membercard.catalog.Gift;
import com.membercard.catalog.GiftRequest;
import com.membercard.catalog.Gifts;
import com.membercard.catalog.MemberLevel;
import com.membercard.catalog.MemberLevelRequest;
import com.membercard.catalog.MemberLevels;
import com.membercard.catalog.MemberTag;
import com.membercard.catalog.MemberTagRequest;
import com.membercard.catalog.MemberTags;
import com.membercard.catalog.RechargePlan;
import com.membercard.catalog.RechargePlanRequest;
import com.membercard.catalog.RechargePlans;
import com.membercard.console.CatalogueTable.Choice;
import com.membercard.console.CatalogueTable.Field;
import com.membercard.console.CatalogueTable.Input;
import com.membercard.shared.BusinessException;
import com.membercard.shared.web.DateTimeJson;
import com.membercard.tenancy.Shop;
import com.membercard.tenancy.ShopManagement;
import com.membercard.tenancy.ShopRequest;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The catalogue's tables (card classes, member levels, tags, gifts with stock, recharge plans, and
 * the shops, which the API counts with the catalogue too), each described once over its module's
 * service and request record.
 */
@Component
class CatalogueTables {

    private final Map<String, CatalogueTable<?, ?>> tables = new LinkedHashMap<>();

    CatalogueTables(
            CardClasses classes,
            MemberLevels levels,
            MemberTags tags,
            Gifts gifts,
            RechargePlans plans,
            ShopManagement shops) {
        add(new CatalogueTable<CardClass, CardClassRequest>(
                "card-classes",
                List.of(
                        new Field<>("name", "console.col.name", Input.TEXT, CardClass::name),
                        new Field<>(
                                "cardType",
                                "console.class.cardType",
                                Input.CHOICE,
                                List.of(1, 2, 3, 4).stream()
                                        .map(type -> new Choice("" + type, "dict.cardType." + type))
                                        .toList(),
                                CardClass::cardType),
                        new Field<>("canRecharge", "console.class.canRecharge", Input.YES_NO, CardClass::canRecharge),
                        new Field<>(
                                "canMemberPrice",
                                "console.class.canMemberPrice",
                                Input.YES_NO,
                                CardClass::canMemberPrice),
                        new Field<>("canDiscount", "console.class.canDiscount", Input.YES_NO, CardClass::canDiscount),
                        new Field<>("canPoint", "console.class.canPoint", Input.YES_NO, CardClass::canPoint),
                        new Field<>("pointsBasic", "console.class.pointsBasic", Input.NUMBER, CardClass::pointsBasic),
                        new Field<>("pointsToOne", "console.class.pointsToOne", Input.NUMBER, CardClass::pointsToOne),
                        new Field<>(
                                "pointsValidDays",
                                "console.class.pointsValidDays",
                                Input.NUMBER,
                                CardClass::pointsValidDays),
                        new Field<>(
                                "deductOrder",
                                "console.class.deductOrder",
                                Input.CHOICE,
                                Arrays.stream(DeductOrder.values())
                                        .map(order -> new Choice(order.name(), "console.class.deductOrder." + order))
                                        .toList(),
                                CardClass::deductOrder)),
                CardClass::id,
                form -> new CardClassRequest(
                        form.get("name"),
                        whole("cardType", form.get("cardType")),
                        yesNo(form.get("canRecharge")),
                        yesNo(form.get("canMemberPrice")),
                        yesNo(form.get("canDiscount")),
                        yesNo(form.get("canPoint")),
                        whole("pointsBasic", form.get("pointsBasic")),
                        whole("pointsToOne", form.get("pointsToOne")),
                        whole("pointsValidDays", form.get("pointsValidDays")),
                        deductOrder(form.get("deductOrder"))),
                CatalogueTable.Service.of(
                        classes::list, classes::get, classes::create, classes::update, classes::delete)));
        add(new CatalogueTable<MemberLevel, MemberLevelRequest>(
                "levels",
                List.of(
                        new Field<>("name", "console.col.name", Input.TEXT, MemberLevel::name),
                        new Field<>("level", "console.level.level", Input.NUMBER, MemberLevel::level),
                        new Field<>(
                                "discount",
                                "console.level.discount",
                                Input.MONEY,
                                level -> level.discount().toPlainString()),
                        new Field<>("imagePath", "console.level.image", Input.TEXT, MemberLevel::imagePath)),
                MemberLevel::id,
                form -> new MemberLevelRequest(
                        form.get("name"),
                        whole("level", form.get("level")),
                        money("discount", form.get("discount")),
                        MemberPages.blankToNull(form.get("imagePath"))),
                CatalogueTable.Service.of(levels::list, levels::get, levels::create, levels::update, levels::delete)));
        add(new CatalogueTable<MemberTag, MemberTagRequest>(
                "tags",
                List.of(new Field<>("name", "console.col.name", Input.TEXT, MemberTag::name)),
                MemberTag::id,
                form -> new MemberTagRequest(form.get("name")),
                CatalogueTable.Service.of(tags::list, tags::get, tags::create, tags::update, tags::delete)));
        add(new CatalogueTable<Gift, GiftRequest>(
                "gifts",
                List.of(
                        new Field<>("name", "console.col.name", Input.TEXT, Gift::name),
                        new Field<>("points", "console.gift.points", Input.NUMBER, Gift::points),
                        new Field<>("price", "console.gift.price", Input.MONEY, Gift::price),
                        new Field<>("stock", "console.gift.stock", Input.NUMBER, Gift::stock),
                        new Field<>("inUse", "console.inUse", Input.YES_NO, Gift::inUse),
                        new Field<>("imagePath", "console.level.image", Input.TEXT, Gift::imagePath)),
                Gift::id,
                form -> new GiftRequest(
                        form.get("name"),
                        number("points", form.get("points")),
                        money("price", form.get("price")),
                        MemberPages.blankToNull(form.get("imagePath")),
                        yesNo(form.get("inUse")),
                        whole("stock", form.get("stock"))),
                CatalogueTable.Service.of(gifts::list, gifts::get, gifts::create, gifts::update, gifts::delete)));
        add(new CatalogueTable<RechargePlan, RechargePlanRequest>(
                "plans",
                List.of(
                        new Field<>("name", "console.col.name", Input.TEXT, RechargePlan::name),
                        new Field<>("money", "console.plan.money", Input.MONEY, RechargePlan::money),
                        new Field<>("payMoney", "console.till.payMoney", Input.MONEY, RechargePlan::payMoney),
                        new Field<>("giveMoney", "console.till.giveMoney", Input.MONEY, RechargePlan::giveMoney),
                        new Field<>("startTime", "console.plan.startTime", Input.TEXT, plan -> time(plan.startTime())),
                        new Field<>("endTime", "console.plan.endTime", Input.TEXT, plan -> time(plan.endTime())),
                        new Field<>(
                                "moneyModifiable",
                                "console.plan.moneyModifiable",
                                Input.YES_NO,
                                RechargePlan::moneyModifiable),
                        new Field<>("remark", "console.col.remark", Input.TEXT, RechargePlan::remark),
                        new Field<>("inUse", "console.inUse", Input.YES_NO, RechargePlan::inUse)),
                RechargePlan::id,
                form -> new RechargePlanRequest(
                        form.get("name"),
                        money("money", form.get("money")),
                        money("payMoney", form.get("payMoney")),
                        money("giveMoney", form.get("giveMoney")),
                        time("startTime", form.get("startTime")),
                        time("endTime", form.get("endTime")),
                        yesNo(form.get("moneyModifiable")),
                        MemberPages.blankToNull(form.get("remark")),
                        yesNo(form.get("inUse"))),
                CatalogueTable.Service.of(plans::list, plans::get, plans::create, plans::update, plans::delete)));
        addShops(shops);
    }

    private void addShops(ShopManagement shops) {
        add(new CatalogueTable<Shop, ShopRequest>(
                "shops",
                List.of(
                        new Field<>("name", "console.col.name", Input.TEXT, Shop::name),
                        new Field<>("code", "console.shop.code", Input.TEXT, Shop::code),
                        new Field<>("address", "console.shop.address", Input.TEXT, Shop::address)),
                Shop::id,
                form -> new ShopRequest(
                        form.get("name"),
                        MemberPages.blankToNull(form.get("code")),
                        MemberPages.blankToNull(form.get("address"))),
                CatalogueTable.Service.of(shops::list, shops::get, shops::create, shops::update, shops::delete)));
    }

    private void add(CatalogueTable<?, ?> table) {
        tables.put(table.name(), table);
    }

    /** The table at {@code name} in the URL; a 404 for any other name. */
    CatalogueTable<?, ?> named(String name) {
        CatalogueTable<?, ?> table = tables.get(name);
        if (table == null) {
            throw BusinessException.notFound("console.catalogue");
        }
        return table;
    }

    List<String> names() {
        return List.copyOf(tables.keySet());
    }

    private static DeductOrder deductOrder(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return DeductOrder.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw BusinessException.invalid("deductOrder", "error.type");
        }
    }

    private static String time(LocalDateTime time) {
        return time == null ? null : time.format(DateTimeJson.DATE_TIME);
    }

    private static LocalDateTime time(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return DateTimeJson.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid(field, "error.type");
        }
    }
}
