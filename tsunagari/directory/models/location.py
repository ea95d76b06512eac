"""Where a service happens (HSDS location, address, service_at_location, accessibility)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models.base import Provenance, Ward
from tsunagari.directory.models.organization import Organization
from tsunagari.directory.models.service import Service


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("建物")
    POSTAL = "postal", _("郵送先")
    VIRTUAL = "virtual", _("オンライン")


class Location(Provenance):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("団体"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="locations",
    )
    location_type = models.CharField(
        _("種類"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    url = models.URLField(_("ウェブサイト"), blank=True)
    name = models.CharField(_("場所の名前"), max_length=200)
    alternate_name = models.CharField(_("別名"), max_length=200, blank=True)
    description = models.TextField(_("説明"), blank=True)
    transportation = models.TextField(_("行き方"), blank=True)
    latitude = models.DecimalField(_("緯度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(
        _("経度"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("場所")
        verbose_name_plural = _("場所")

    def __str__(self) -> str:
        return self.name


class Address(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(_("宛先"), max_length=200, blank=True)
    address_1 = models.CharField(_("住所"), max_length=300)
    address_2 = models.CharField(_("建物名など"), max_length=300, blank=True)
    city = models.CharField(_("市区町村"), max_length=100, blank=True)
    region = models.CharField(_("地域"), max_length=100, blank=True)
    state_province = models.CharField(_("都道府県"), max_length=100, blank=True)
    postal_code = models.CharField(_("郵便番号"), max_length=10, blank=True)
    country = models.CharField(_("国"), max_length=2, default="JP")
    address_type = models.CharField(
        _("種類"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    ward = models.CharField(_("区"), max_length=12, choices=Ward.choices, blank=True)

    class Meta:
        verbose_name = _("住所")
        verbose_name_plural = _("住所")

    def __str__(self) -> str:
        return f"{self.state_province}{self.city}{self.address_1}"


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(_("説明"), blank=True)

    class Meta:
        verbose_name = _("相談先の場所")
        verbose_name_plural = _("相談先の場所")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="unique_service_location")
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Accessibility(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(_("バリアフリー"), blank=True)
    details = models.TextField(_("くわしく"), blank=True)
    url = models.URLField(_("くわしい情報"), blank=True)

    class Meta:
        verbose_name = _("バリアフリー情報")
        verbose_name_plural = _("バリアフリー情報")

    def __str__(self) -> str:
        return self.description
