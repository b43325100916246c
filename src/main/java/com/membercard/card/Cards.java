package com.membercard.card;

import com.membercard.catalog.TenantSettings;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.tenancy.Actor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cards: issuing one, finding one by its code, and locking one by its id for work that needs no
 * customer's proof (the replacement just made, the points expiry job). Proving a card by what the
 * customer presents is {@link CardAuthentication}'s.
 */
@Service
public class Cards {

    private final JdbcCards cards;
    private final CardSecrets secrets;
    private final CardLifecycle lifecycle;
    private final SecretGuessing guessing;
    private final TenantSettings settings;

    Cards(
            JdbcCards cards,
            CardSecrets secrets,
            CardLifecycle lifecycle,
            SecretGuessing guessing,
            TenantSettings settings) {
        this.cards = cards;
        this.settings = settings;
        this.guessing = guessing;
        this.lifecycle = lifecycle;
        this.secrets = secrets;
    }

    /** A card just issued, with the secret the server drew for it when none was given (to be shown once). */
    public record Issued(long id, String generatedSecret) {}

    /**
     * Issues a card; a card code or secret already used in the tenant answers 409 naming the field, a
     * secret shorter than the tenant's policy 400. Without a secret the server draws one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Issued issue(long tenantId, NewCard card) {
        long id = cards.nextId(tenantId);
        String generated =
                insert(tenantId, id, card, card.pin() == null ? null : secrets.hashPin(card.pin()), "cardMac");
        return new Issued(id, generated);
    }

    /**
     * op35's card side: the old card (normal or lost) becomes void, pointing to the new one, which
     * becomes the member's current card with the old card's PIN. Moving the value over is the
     * ledger's part.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long replace(long tenantId, LockedCard old, NewCard card, Actor actor, String serial, String remark) {
        String pinHash = cards.find(tenantId, JdbcCards.Key.ID, old.id(), true)
                .orElseThrow(Cards::noSuchCard)
                .keys()
                .pinHash();
        long newCardId = cards.nextId(tenantId);
        lifecycle.markReplaced(tenantId, old.id(), newCardId, actor, serial, remark);
        insert(tenantId, newCardId, card, pinHash, "mac");
        return newCardId;
    }

    /**
     * Inserts the card; answers the secret it drew when the card came without one. A code or secret
     * already used answers 409 naming the request's field. That a secret is taken tells that some card
     * has it, so a clash counts as a miss of the caller's credential, like a wrong secret presented
     * without a card code ({@link SecretGuessing}), and a credential held back by those waits here too.
     */
    private String insert(long tenantId, long id, NewCard card, String pinHash, String secretField) {
        boolean generated = card.mac() == null || card.mac().isBlank();
        String secret = generated ? CardSecrets.generate() : card.mac();
        if (!generated) {
            int shortest = settings.cardPolicy(tenantId).minSecretLength();
            if (secret.length() < shortest) {
                throw BusinessException.invalid(secretField, "error.secretTooShort", shortest);
            }
            guessing.requireAllowed(tenantId);
        }
        List<byte[]> everyHash = secrets.hashesUnderEveryKey(secret);
        // a secret hashed with a key rotated out has another hash, which the unique index cannot see
        boolean taken = everyHash.size() > 1 && cards.secretTaken(tenantId, everyHash);
        if (!taken
                && cards.insert(
                        tenantId,
                        id,
                        card,
                        secrets.hash(secret),
                        secrets.currentKeyVersion(),
                        CardSecrets.lastFour(secret),
                        pinHash)) {
            return generated ? secret : null;
        }
        if (cards.codeTaken(tenantId, card.code())) {
            throw BusinessException.taken("cardCode");
        }
        if (taken || cards.secretTaken(tenantId, everyHash)) {
            guessing.missOnItsOwn(tenantId);
            throw BusinessException.taken(secretField);
        }
        throw new IllegalStateException("card " + card.code() + " refused by a constraint other than code or secret");
    }

    /**
     * A card's secret and PIN as stored: the keyed hash with its key's version, the last 4 for
     * display, the PIN's slow hash. Never the secret: op40 copies these so that a migrated card
     * works with the secret its member has, which nobody here knows.
     */
    public record StoredSecret(byte[] macHash, int macKeyVersion, String macLast4, String pinHash) {}

    private static StoredSecret storedSecret(StoredCard stored) {
        return new StoredSecret(
                stored.keys().macHash(),
                stored.keys().macKeyVersion(),
                stored.card().macLast4(),
                stored.keys().pinHash());
    }

    /**
     * op40: issues a card under a secret hashed elsewhere with the same server keys (another
     * tenant's card); a code or secret already used in the tenant answers 409 naming the field.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Issued issueWithStoredSecret(long tenantId, NewCard card, StoredSecret secret) {
        long id = cards.nextId(tenantId);
        if (cards.insert(
                tenantId, id, card, secret.macHash(), secret.macKeyVersion(), secret.macLast4(), secret.pinHash())) {
            return new Issued(id, null);
        }
        if (cards.codeTaken(tenantId, card.code())) {
            throw BusinessException.taken("cardCode");
        }
        throw BusinessException.taken("cardMac");
    }

    /**
     * A batch's cards (op19 in bulk: a file import, a migration) checked as {@link #issue} and
     * {@link #issueWithStoredSecret} check each, before any is issued: for each card, null when it
     * can be issued, else the refusal issuing it would answer. A card code or secret of an earlier
     * card of the batch counts as taken, as if the batch were issued one card at a time.
     *
     * @param stored null when every card brings its own secret (op19), else one stored secret per card (op40)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<BusinessException> refusals(long tenantId, List<NewCard> cards, List<StoredSecret> stored) {
        List<BusinessException> refusals = new ArrayList<>(Collections.nCopies(cards.size(), null));
        List<List<byte[]>> hashes = new ArrayList<>(Collections.nCopies(cards.size(), List.of()));
        Integer shortest = null;
        for (int i = 0; i < cards.size(); i++) {
            if (stored != null) {
                hashes.set(i, List.of(stored.get(i).macHash()));
                continue;
            }
            String secret = cards.get(i).mac();
            if (secret == null || secret.isBlank()) {
                continue; // the server draws one at the insert
            }
            if (shortest == null) {
                shortest = settings.cardPolicy(tenantId).minSecretLength();
            }
            try {
                if (secret.length() < shortest) {
                    throw BusinessException.invalid("cardMac", "error.secretTooShort", shortest);
                }
                guessing.requireAllowed(tenantId);
                hashes.set(i, secrets.hashesUnderEveryKey(secret));
            } catch (BusinessException e) {
                refusals.set(i, e);
            }
        }
        Set<String> codesTaken = this.cards.codesTaken(
                tenantId, cards.stream().map(NewCard::code).toList());
        Set<String> secretsTaken = this.cards.secretsTaken(
                tenantId, hashes.stream().flatMap(List::stream).toList());
        Set<String> codesSeen = new HashSet<>();
        Set<String> secretsSeen = new HashSet<>();
        for (int i = 0; i < cards.size(); i++) {
            if (refusals.get(i) != null) {
                continue;
            }
            String code = cards.get(i).code();
            List<String> hexes =
                    hashes.get(i).stream().map(JdbcCards.HEX::formatHex).toList();
            if (codesTaken.contains(code) || !codesSeen.add(code)) {
                refusals.set(i, BusinessException.taken("cardCode"));
            } else if (hexes.stream().anyMatch(hex -> secretsTaken.contains(hex) || secretsSeen.contains(hex))) {
                if (stored == null) {
                    guessing.missOnItsOwn(tenantId);
                }
                refusals.set(i, BusinessException.taken("cardMac"));
            } else {
                secretsSeen.addAll(hexes);
            }
        }
        return refusals;
    }

    /**
     * Issues a batch of cards that {@link #refusals} passed, in one statement, answering each card's
     * id and the secret drawn for it when it came without one. A code or secret taken since the check
     * (a concurrent issue) fails the statement with a {@code DuplicateKeyException}: the caller rolls
     * back to its savepoint and issues them one at a time.
     *
     * @param stored as for {@link #refusals}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Issued> issueAll(long tenantId, List<NewCard> cards, List<StoredSecret> stored) {
        List<JdbcCards.Keys> keys = new ArrayList<>(cards.size());
        List<String> generated = new ArrayList<>(cards.size());
        for (int i = 0; i < cards.size(); i++) {
            NewCard card = cards.get(i);
            if (stored != null) {
                StoredSecret secret = stored.get(i);
                keys.add(new JdbcCards.Keys(
                        secret.macHash(), secret.macKeyVersion(), secret.macLast4(), secret.pinHash()));
                generated.add(null);
                continue;
            }
            boolean drawn = card.mac() == null || card.mac().isBlank();
            String secret = drawn ? CardSecrets.generate() : card.mac();
            keys.add(new JdbcCards.Keys(
                    secrets.hash(secret),
                    secrets.currentKeyVersion(),
                    CardSecrets.lastFour(secret),
                    card.pin() == null ? null : secrets.hashPin(card.pin())));
            generated.add(drawn ? secret : null);
        }
        Map<String, Long> ids = this.cards.insertAll(tenantId, cards, keys);
        List<Issued> issued = new ArrayList<>(cards.size());
        for (int i = 0; i < cards.size(); i++) {
            issued.add(new Issued(ids.get(cards.get(i).code()), generated.get(i)));
        }
        return issued;
    }

    /** op40: the stored secrets of the tenant's cards of these ids, by card id. */
    public Map<Long, StoredSecret> storedSecrets(long tenantId, Collection<Long> cardIds) {
        return cards.findAll(tenantId, cardIds, false).stream()
                .collect(Collectors.toMap(stored -> stored.card().id(), Cards::storedSecret));
    }

    /**
     * Locks the rows of these cards until the transaction ends, in id order (so two batches never
     * wait for each other crosswise), without asking for any proof: as {@link #lock}, for cards the
     * caller holds by other means (a batch it has just issued). Answers them by id.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<Long, LockedCard> lockAll(long tenantId, Collection<Long> cardIds) {
        Map<Long, LockedCard> locked = new LinkedHashMap<>();
        for (StoredCard stored : cards.findAll(tenantId, cardIds, true)) {
            locked.put(stored.card().id(), new LockedCard(stored.card()));
        }
        return locked;
    }

    /** Keeps the copy of the member's level on their cards (see the card table) in step. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void memberLevelChanged(long tenantId, long memberId, long levelId) {
        cards.setMemberLevel(tenantId, memberId, levelId);
    }

    public Optional<Card> byId(long tenantId, long id) {
        return cards.find(tenantId, JdbcCards.Key.ID, id, false).map(StoredCard::card);
    }

    public Optional<Card> byCode(long tenantId, String code) {
        return cards.find(tenantId, JdbcCards.Key.CODE, code, false).map(StoredCard::card);
    }

    /**
     * Locks the card row until the transaction ends, without asking for any proof: only for a card
     * the caller already holds by other means (602 when the tenant has no such card).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public LockedCard lock(long tenantId, long cardId) {
        return new LockedCard(cards.find(tenantId, JdbcCards.Key.ID, cardId, true)
                .orElseThrow(Cards::noSuchCard)
                .card());
    }

    static BusinessException noSuchCard() {
        return new BusinessException(BusinessCode.CARD_NOT_FOUND);
    }
}
