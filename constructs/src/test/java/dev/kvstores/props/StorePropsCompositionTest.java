package dev.kvstores.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstores.aws.AwsStoreCommon;
import dev.kvstores.aws.AwsWorkerStateCommon;
import dev.kvstores.aws.ElastiCacheCacheStoreProps;
import dev.kvstores.aws.ElastiCacheCommon;
import dev.kvstores.aws.ElastiCacheWorkerStateStoreProps;
import dev.kvstores.aws.MemoryDbWorkerStateStoreProps;
import dev.kvstores.azure.AzureCacheForRedisCacheStoreProps;
import dev.kvstores.azure.AzureManagedRedisWorkerStateStoreProps;
import dev.kvstores.azure.AzureStoreCommon;
import dev.kvstores.gcp.MemorystoreCacheStoreProps;
import dev.kvstores.gcp.MemorystoreInstance;
import dev.kvstores.gcp.MemorystorePlacement;
import dev.kvstores.gcp.MemorystoreWorkerStateStoreProps;
import dev.kvstores.kubernetes.BitnamiCommon;
import dev.kvstores.kubernetes.BitnamiRedisCacheStoreProps;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.kubernetes.KubernetesStoreCommon;
import dev.kvstores.kubernetes.KubernetesWorkerStateCommon;
import dev.kvstores.kubernetes.KvrocksWorkerStateStoreProps;
import dev.kvstores.kubernetes.ServiceMonitoring;
import dev.kvstores.role.StoreBasics;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The store props of one backend define a shared builder field once, in a common part: a builder method that two
 * props of a backend both have (declared or inherited) must be one of the common parts' builder methods (the props'
 * builders delegate to it), so that a field added to two props without a common part fails here. And the
 * delegations to a common part are written once, in the builder base the props' builders extend, so that a props
 * builder that copies them instead of inheriting them fails here too.
 */
class StorePropsCompositionTest {

    /** Builder methods named differently from the common part's they delegate to: releaseName sets the name. */
    private static final Map<String, String> ALIASES = Map.of("releaseName", "name");

    /**
     * Common parts whose setters are written once per props that composes them rather than once per backend: the
     * worker state parts, composed by the worker props of two services (ElastiCache and MemoryDB, Bitnami and
     * KVRocks), whose builders extend different service bases; Java gives a class one superclass.
     */
    private static final Set<Class<?>> WRITTEN_PER_PROPS = Set.of(AwsWorkerStateCommon.class,
            KubernetesWorkerStateCommon.class);

    record Family(String backend, List<Class<? extends Record>> props, List<Class<?>> commonParts) {
        @Override
        public String toString() {
            return backend;
        }
    }

    static Stream<Family> families() {
        return Stream.of(
                new Family("aws", List.of(ElastiCacheCacheStoreProps.class, ElastiCacheWorkerStateStoreProps.class,
                        MemoryDbWorkerStateStoreProps.class),
                        List.of(StoreBasics.class, AwsStoreCommon.class, ElastiCacheCommon.class,
                                AwsWorkerStateCommon.class)),
                new Family("gcp", List.of(MemorystoreCacheStoreProps.class, MemorystoreWorkerStateStoreProps.class),
                        List.of(StoreBasics.class, MemorystorePlacement.class, MemorystoreInstance.class)),
                new Family("azure", List.of(AzureCacheForRedisCacheStoreProps.class,
                        AzureManagedRedisWorkerStateStoreProps.class),
                        List.of(StoreBasics.class, AzureStoreCommon.class)),
                new Family("kubernetes", List.of(BitnamiRedisCacheStoreProps.class,
                        BitnamiRedisWorkerStateStoreProps.class, KvrocksWorkerStateStoreProps.class),
                        List.of(StoreBasics.class, KubernetesStoreCommon.class, ServiceMonitoring.class,
                                BitnamiCommon.class, KubernetesWorkerStateCommon.class)));
    }

    static Stream<Class<? extends Record>> allProps() {
        return families().flatMap(f -> f.props().stream());
    }

    static Stream<Class<?>> allCommonParts() {
        return families().flatMap(f -> f.commonParts().stream()).distinct();
    }

    private static Class<?> builderOf(Class<?> type) {
        return Arrays.stream(type.getDeclaredClasses()).filter(c -> c.getSimpleName().equals("Builder")).findFirst()
                .orElseThrow(() -> new AssertionError(type.getSimpleName() + " has no Builder"));
    }

    /**
     * The builder's public setters, declared or inherited from its bases, as {@code name(ParamType, ...)}, aliases
     * resolved; {@code build} excluded. An inherited setter returns the builder through its self type, so its
     * erased return type is a base of the builder.
     */
    private static Set<String> setters(Class<?> type) {
        Class<?> builder = builderOf(type);
        return Arrays.stream(builder.getMethods()).filter(m -> isSetter(m, builder))
                .map(m -> signature(m, ALIASES.getOrDefault(m.getName(), m.getName())))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isSetter(Method m, Class<?> builder) {
        return Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                && m.getReturnType() != Object.class && m.getReturnType().isAssignableFrom(builder);
    }

    private static String signature(Method m, String name) {
        return name + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * Where the family's builders write each setter: signature (not aliased) to the classes, among the props'
     * builders and their bases, that declare it in source (a bridge javac adds is not written).
     */
    private static Map<String, Set<String>> declaringClasses(Family family) {
        Map<String, Set<String>> declaring = new TreeMap<>();
        for (Class<?> props : family.props()) {
            Class<?> builder = builderOf(props);
            for (Class<?> c = builder; c != Object.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (!m.isSynthetic() && isSetter(m, builder)) {
                        declaring.computeIfAbsent(signature(m, m.getName()), k -> new TreeSet<>())
                                .add(c.getName());
                    }
                }
            }
        }
        return declaring;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void a_builder_field_two_props_of_a_backend_share_comes_from_a_common_part(Family family) {
        Set<String> common = new TreeSet<>();
        family.commonParts().forEach(part -> common.addAll(setters(part)));
        List<String> repeated = new ArrayList<>();
        List<Class<? extends Record>> props = family.props();
        for (int i = 0; i < props.size(); i++) {
            for (int j = i + 1; j < props.size(); j++) {
                Set<String> shared = new TreeSet<>(setters(props.get(i)));
                shared.retainAll(setters(props.get(j)));
                shared.removeAll(common);
                for (String setter : shared) {
                    repeated.add(props.get(i).getSimpleName() + " and " + props.get(j).getSimpleName() + ": "
                            + setter);
                }
            }
        }
        assertEquals(List.of(), repeated, "builder fields defined in two props of " + family.backend()
                + " instead of once in a common part (" + family.commonParts() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void the_props_builders_inherit_a_common_parts_setters_from_one_base_instead_of_repeating_them(Family family) {
        Map<String, Set<String>> declaring = declaringClasses(family);
        List<String> repeated = new ArrayList<>();
        for (Class<?> part : family.commonParts()) {
            Class<?> partBuilder = builderOf(part);
            long composedBy = family.props().stream().filter(p -> Arrays.stream(p.getRecordComponents())
                    .anyMatch(c -> c.getType() == part)).count();
            long allowed = WRITTEN_PER_PROPS.contains(part) ? composedBy : 1;
            for (Method m : partBuilder.getDeclaredMethods()) {
                if (!isSetter(m, partBuilder)) {
                    continue;
                }
                // the part's own name, and each alias the props' builders give it (releaseName for name)
                Stream.concat(Stream.of(m.getName()), ALIASES.entrySet().stream()
                                .filter(a -> a.getValue().equals(m.getName())).map(Map.Entry::getKey))
                        .map(name -> signature(m, name))
                        .filter(setter -> declaring.getOrDefault(setter, Set.of()).size() > allowed)
                        .forEach(setter -> repeated.add(part.getSimpleName() + ": " + setter + " in "
                                + declaring.get(setter)));
            }
        }
        assertTrue(composedByEveryFamilyPart(family), family + ": a common part no props composes");
        assertEquals(List.of(), repeated, "delegations to a common part of " + family.backend()
                + " written in more than one builder class instead of once in a base the props' builders extend");
    }

    private static boolean composedByEveryFamilyPart(Family family) {
        return family.commonParts().stream().allMatch(part -> family.props().stream()
                .anyMatch(p -> Arrays.stream(p.getRecordComponents()).anyMatch(c -> c.getType() == part)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allProps")
    void every_store_props_composes_the_store_basics_and_sets_them_through_its_builder(Class<? extends Record> props) {
        assertTrue(StoreBasics.Part.class.isAssignableFrom(props), props.getSimpleName() + " implements StoreBasics.Part");
        assertEquals(StoreBasics.class, props.getRecordComponents()[0].getType(),
                props.getSimpleName() + " composes StoreBasics as its first component");
        assertTrue(setters(props).containsAll(setters(StoreBasics.class)),
                props.getSimpleName() + " builder sets " + setters(StoreBasics.class));
        assertTrue(StoreBasics.PropsBuilder.class.isAssignableFrom(builderOf(props)),
                props.getSimpleName() + ".Builder extends StoreBasics.PropsBuilder");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allProps")
    void every_store_props_composes_its_backends_common_parts_rather_than_copying_their_fields(
            Class<? extends Record> props) {
        Family family = families().filter(f -> f.props().contains(props)).findFirst().orElseThrow();
        Set<String> components = Arrays.stream(props.getRecordComponents())
                .map(c -> c.getName() + ":" + c.getGenericType().getTypeName()).collect(Collectors.toSet());
        for (Class<?> part : family.commonParts()) {
            for (RecordComponent field : part.getRecordComponents()) {
                String same = field.getName() + ":" + field.getGenericType().getTypeName();
                assertTrue(!components.contains(same), props.getSimpleName() + " repeats "
                        + part.getSimpleName() + "." + field.getName() + " as its own component");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCommonParts")
    void common_parts_are_records_with_a_builder_and_at_most_eight_components(Class<?> part) {
        assertTrue(part.isRecord(), part.getSimpleName() + " is a record");
        builderOf(part);
        assertTrue(part.getRecordComponents().length <= 8, part.getSimpleName() + " has "
                + part.getRecordComponents().length + " components");
    }

    @Test
    void store_props_have_at_most_nine_components() {
        List<String> wide = allProps().filter(p -> p.getRecordComponents().length > 9)
                .map(p -> p.getSimpleName() + " (" + p.getRecordComponents().length + ")").toList();
        assertEquals(List.of(), wide);
    }
}
