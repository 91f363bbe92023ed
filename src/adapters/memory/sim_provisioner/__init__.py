"""In-memory twin of the SIM provisioner (Freebit), seeded with the demo world's SIM facts."""

from adapters.memory.sim_provisioner.faults import TwinFault, TwinFaults
from adapters.memory.sim_provisioner.provisioner import InMemorySimProvisioner

__all__ = ["InMemorySimProvisioner", "TwinFault", "TwinFaults"]
