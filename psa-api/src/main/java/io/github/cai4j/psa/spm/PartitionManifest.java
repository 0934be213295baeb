package io.github.cai4j.psa.spm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A secure partition's manifest: its name, id, the services it offers and the SIDs it may call
 * ({@code dependencies}). The gate refuses a call from a partition to any SID not listed here.
 */
public record PartitionManifest(String name, int partitionId, List<ServiceManifest> services,
                                Set<Integer> dependencies) {

    public PartitionManifest {
        Objects.requireNonNull(name, "name");
        if (partitionId <= 0) {
            throw new IllegalArgumentException("partition " + name + ": id must be positive (secure), got "
                    + partitionId);
        }
        services = List.copyOf(services);
        dependencies = Set.copyOf(dependencies);
        Set<Integer> sids = new LinkedHashSet<>();
        for (ServiceManifest s : services) {
            if (!sids.add(s.sid())) {
                throw new IllegalArgumentException("partition " + name + ": duplicate SID 0x"
                        + Integer.toHexString(s.sid()));
            }
            if (dependencies.contains(s.sid())) {
                throw new IllegalArgumentException("partition " + name + " cannot depend on its own service "
                        + s.name());
            }
        }
    }

    public static Builder builder(String name, int partitionId) {
        return new Builder(name, partitionId);
    }

    /** Builds a manifest. */
    public static final class Builder {
        private final String name;
        private final int partitionId;
        private final List<ServiceManifest> services = new ArrayList<>();
        private final Set<Integer> dependencies = new LinkedHashSet<>();

        private Builder(String name, int partitionId) {
            this.name = name;
            this.partitionId = partitionId;
        }

        public Builder service(ServiceManifest service) {
            services.add(service);
            return this;
        }

        /** Declares that this partition calls the service {@code sid}. */
        public Builder dependsOn(int... sids) {
            for (int sid : sids) {
                dependencies.add(sid);
            }
            return this;
        }

        public PartitionManifest build() {
            return new PartitionManifest(name, partitionId, services, dependencies);
        }
    }
}
