"""The support directory, shaped after Open Referral HSDS 3.1.

Field names follow HSDS so that an HSDS export is a mapping, not a rewrite.
Every record that states a fact (a number, an address, an opening hour) carries
where that fact came from and when (:class:`Provenance`).

The models live in small modules of this package; import them from here,
as before: ``from tsunagari.directory.models import Service``.
"""

from tsunagari.directory.models.base import Confidence, Provenance, Ward
from tsunagari.directory.models.contact import Contact, Language, Phone, PhoneType
from tsunagari.directory.models.location import (
    Accessibility,
    Address,
    Location,
    LocationType,
    ServiceAtLocation,
)
from tsunagari.directory.models.organization import Organization
from tsunagari.directory.models.schedule import Frequency, Schedule
from tsunagari.directory.models.service import (
    CONTACT_CHANNELS,
    Area,
    Attribute,
    ReviewStatus,
    Service,
    ServiceKind,
    ServiceQuerySet,
    ServiceStatus,
    kind_for,
    months_before,
    real_unless_demo_mode,
)
from tsunagari.directory.models.taxonomy import Taxonomy, TaxonomyTerm

__all__ = [
    "CONTACT_CHANNELS",
    "Accessibility",
    "Address",
    "Area",
    "Attribute",
    "Confidence",
    "Contact",
    "Frequency",
    "Language",
    "Location",
    "LocationType",
    "Organization",
    "Phone",
    "PhoneType",
    "Provenance",
    "ReviewStatus",
    "Schedule",
    "Service",
    "ServiceAtLocation",
    "ServiceQuerySet",
    "ServiceKind",
    "ServiceStatus",
    "Taxonomy",
    "TaxonomyTerm",
    "Ward",
    "kind_for",
    "months_before",
    "real_unless_demo_mode",
]
