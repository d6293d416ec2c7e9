package dev.rerank4j.model;

import ai.djl.ndarray.NDManager;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.io.WeightSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Fills a network's weights from a checkpoint, as transformers' {@code from_pretrained} does for a
 * {@code *ForSequenceClassification} class: names may lack the base-model prefix (a bare {@code BertModel}),
 * legacy LayerNorm names ({@code gamma}/{@code beta}) are accepted, a missing head is initialised fresh, and
 * everything else must be present with the right shape.
 */
final class ParameterLoader {
    private static final int LISTED = 12;

    private ParameterLoader() {}

    /** The outcome of a load: the weights, plus which were fresh and which checkpoint tensors were not used. */
    record Loaded(Parameters parameters, List<String> freshlyInitialised, List<String> unused) {}

    static Loaded load(Network network, Map<String, Tensor> checkpoint, NDManager parent, long seed, String source) {
        return load(network, network.parameterSpecs(), WeightSource.of(checkpoint), parent, seed, source);
    }

    /** Loads from weights read one tensor at a time: at most one tensor's values are on the heap at once. */
    static Loaded load(Network network, WeightSource checkpoint, NDManager parent, long seed, String source) {
        return load(network, network.parameterSpecs(), checkpoint, parent, seed, source);
    }

    /** Loads the encoder weights only (a bi-encoder needs no classification head): no head is initialised. */
    static Loaded loadEncoder(Network network, Map<String, Tensor> checkpoint, NDManager parent, String source) {
        return loadEncoder(network, WeightSource.of(checkpoint), parent, source);
    }

    /** {@link #loadEncoder(Network, Map, NDManager, String)} from weights read one tensor at a time. */
    static Loaded loadEncoder(Network network, WeightSource checkpoint, NDManager parent, String source) {
        List<ParamSpec> encoder = network.parameterSpecs().stream()
                .filter(s -> s.role() == ParamSpec.Role.ENCODER)
                .toList();
        return load(network, encoder, checkpoint, parent, 0L, source);
    }

    private static Loaded load(
            Network network,
            List<ParamSpec> specs,
            WeightSource checkpoint,
            NDManager parent,
            long seed,
            String source) {
        Map<String, String> byName = normalise(checkpoint.names());
        String prefix = network.basePrefix() + ".";
        Set<String> used = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        Parameters params = new Parameters(parent);
        NativeWeights natively = new NativeWeights();
        try {
            for (ParamSpec spec : specs) {
                String name = spec.name();
                String found = byName.containsKey(name)
                        ? name
                        : name.startsWith(prefix) && byName.containsKey(name.substring(prefix.length()))
                                ? name.substring(prefix.length())
                                : null;
                if (found == null) {
                    if (spec.role() == ParamSpec.Role.HEAD) {
                        params.putFresh(spec, network.config().initializerRange(), random);
                        fresh.add(name);
                    } else {
                        missing.add(name);
                    }
                    continue;
                }
                long[] shape = checkpoint.shape(byName.get(found));
                if (!Arrays.equals(shape, spec.shape())) {
                    throw new ModelFormatException(source + ": weight " + found + " has shape "
                            + Arrays.toString(shape) + " but config.json implies " + Arrays.toString(spec.shape())
                            + hint(spec));
                }
                String stored = byName.get(found);
                if (NativeWeights.handles(checkpoint, stored)) {
                    params.put(name, readNatively(natively, checkpoint, stored, spec, params, source));
                } else {
                    params.put(name, spec.shape(), read(checkpoint, stored, source));
                }
                used.add(found);
            }
            if (!missing.isEmpty()) {
                throw new ModelFormatException(source + ": the checkpoint lacks " + missing.size()
                        + " encoder weight(s) the " + network.config().modelType() + " config requires: "
                        + abbreviate(missing) + ". Is config.json from the same model as the weights?");
            }
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
        List<String> unused =
                byName.keySet().stream().filter(n -> !used.contains(n)).sorted().toList();
        return new Loaded(params, List.copyOf(fresh), unused);
    }

    private static String hint(ParamSpec spec) {
        return spec.role() == ParamSpec.Role.HEAD
                ? " (a classification head with another number of labels: load without numLabels, or start from the"
                        + " base model)"
                : "";
    }

    private static ai.djl.ndarray.NDArray readNatively(
            NativeWeights natively,
            WeightSource checkpoint,
            String stored,
            ParamSpec spec,
            Parameters params,
            String source) {
        try {
            return natively.read(checkpoint, stored, spec.shape(), params.manager());
        } catch (IOException e) {
            throw new ModelFormatException(source + ": cannot read weight " + stored + " (" + e.getMessage() + ")", e);
        }
    }

    private static float[] read(WeightSource checkpoint, String name, String source) {
        try {
            return checkpoint.read(name).values();
        } catch (IOException e) {
            throw new ModelFormatException(source + ": cannot read weight " + name + " (" + e.getMessage() + ")", e);
        }
    }

    /** Renames legacy TF-era LayerNorm names, as transformers does when loading: normalised name to stored name. */
    private static Map<String, String> normalise(Set<String> names) {
        Map<String, String> out = new HashMap<>(names.size() * 2);
        for (String name : names) {
            String n = name;
            if (n.endsWith(".gamma")) {
                n = n.substring(0, n.length() - 6) + ".weight";
            } else if (n.endsWith(".beta")) {
                n = n.substring(0, n.length() - 5) + ".bias";
            }
            out.put(n, name);
        }
        return out;
    }

    static String abbreviate(List<String> names) {
        return names.size() <= LISTED
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, LISTED)) + " and " + (names.size() - LISTED) + " more";
    }
}
