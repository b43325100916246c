package com.membercard.console;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One table of the catalogue as its pages show it: the fields of a row, how a form becomes the
 * catalog module's own request, and that module's service calls. The pages ({@link CataloguePages})
 * are the same for every table; only this description differs.
 *
 * @param <T> a row as the service lists it
 * @param <R> the service's request (the API's body), checked by its own constraints
 */
record CatalogueTable<T, R>(
        String name,
        List<Field<T>> fields,
        Function<T, Long> id,
        Function<Map<String, String>, R> request,
        Service<T, R> service) {

    /** How a field is typed in: free text, a whole number, an amount, yes/no, or one of some choices. */
    enum Input {
        TEXT,
        NUMBER,
        MONEY,
        YES_NO,
        CHOICE
    }

    /** A choice's value and its label's message key. */
    record Choice(String value, String labelKey) {}

    /** A field of the request, shown from the row by {@code shown}. */
    record Field<T>(String name, String labelKey, Input input, List<Choice> choices, Function<T, Object> shown) {

        Field(String name, String labelKey, Input input, Function<T, Object> shown) {
            this(name, labelKey, input, List.of(), shown);
        }

        /** The message key a yes/no or a choice is shown by in the table; null for a plain value. */
        public String labelKeyOf(T row) {
            String value = valueOf(row);
            return switch (input) {
                case YES_NO -> "true".equals(value) ? "console.yes" : "console.no";
                case CHOICE ->
                    choices.stream()
                            .filter(choice -> choice.value().equals(value))
                            .map(Choice::labelKey)
                            .findFirst()
                            .orElse(null);
                default -> null;
            };
        }

        /** The row's value as the form and the table show it. */
        public String valueOf(T row) {
            Object value = shown.apply(row);
            return value == null ? "" : value.toString();
        }
    }

    /** The catalog module's calls for one table. */
    interface Service<T, R> {
        List<T> list(long tenantId);

        T get(long tenantId, long id);

        void create(long tenantId, R request);

        void update(long tenantId, long id, R request);

        void delete(long tenantId, long id);

        /** The catalogue module's five methods of one table, which all have these shapes. */
        static <T, R> Service<T, R> of(
                Function<Long, List<T>> list,
                BiFunction<Long, Long, T> get,
                BiConsumer<Long, R> create,
                Update<R> update,
                BiConsumer<Long, Long> delete) {
            return new Service<>() {
                public List<T> list(long tenantId) {
                    return list.apply(tenantId);
                }

                public T get(long tenantId, long id) {
                    return get.apply(tenantId, id);
                }

                public void create(long tenantId, R request) {
                    create.accept(tenantId, request);
                }

                public void update(long tenantId, long id, R request) {
                    update.update(tenantId, id, request);
                }

                public void delete(long tenantId, long id) {
                    delete.accept(tenantId, id);
                }
            };
        }
    }

    /** A table's update: tenant, row id, request. */
    interface Update<R> {
        void update(long tenantId, long id, R request);
    }

    /** The form's values of {@code row}, to change it. */
    Map<String, String> typed(T row) {
        return fields.stream().collect(java.util.stream.Collectors.toMap(Field::name, field -> field.valueOf(row)));
    }
}
