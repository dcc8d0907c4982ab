from django.db import models


class Partnership(models.Model):
    """A local area SEND and AP partnership. Everything else an installation holds hangs off one."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
