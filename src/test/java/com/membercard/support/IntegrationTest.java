package com.membercard.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port over the embedded PostgreSQL (files under
 * target/test-data/&lt;build time&gt;, set by the build, so every run starts empty; fsync off for speed). Every class with this annotation shares one application context and one database;
 * tests never rely on an empty database: each makes its own tenants through {@link Fixtures}. After
 * each test every card is reconciled with its ledger ({@link LedgerReconciled}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "membercard.database-fsync=false",
            "membercard.admin.username=" + Fixtures.PLATFORM_ADMIN,
            "membercard.admin.password=" + Fixtures.PLATFORM_PASSWORD,
            // a key rotated out, so that every test runs with a keyring (CardSecretRotationTest)
            "membercard.secret-key-version=2",
            "membercard.previous-secret-keys=1:" + Fixtures.PREVIOUS_SECRET_KEY,
            // the tests stand for clients at many addresses: they say which in X-Forwarded-For,
            // believed from localhost as it would be from a proxy there (README, "behind a proxy")
            "server.forward-headers-strategy=native",
            // every other test signs in from localhost, failures included (the fuzzer's): room for them
            "membercard.auth.address-max-failures=" + Fixtures.ADDRESS_MAX_FAILURES,
            // scan pay: the customer "confirms" within milliseconds; the janitor runs when a test calls it
            "membercard.scanpay.poll-interval=50ms",
            "membercard.scanpay.poll-budget=400ms",
            "membercard.scanpay.sandbox-slow=300ms",
            "membercard.scanpay.janitor-interval=1h",
            "membercard.scanpay.janitor-backoff=1ms",
            "membercard.scanpay.janitor-pending-grace=1s",
            // the gateway simulators listen on this machine (ScanPayGatewaysApiTest)
            "membercard.scanpay.gateway-hosts=api.mch.weixin.qq.com,openapi.alipay.com,127.0.0.1",
            // races such as SignInAbuseTest's burst of 12 need that many requests in the database at
            // once, beside the connections the tests hold themselves: more than a 2-core default
            "membercard.db.pool-size=20"
        })
@ContextConfiguration(initializers = TestTopology.class)
@Import(TestClients.class)
@ExtendWith({LedgerReconciled.class, OneNodePerRequest.class})
public @interface IntegrationTest {}
