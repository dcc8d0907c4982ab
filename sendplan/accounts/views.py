"""Sign in and sign out (Django authentication; lockout after repeated failures by django-axes)."""

from django.contrib.auth import views as auth_views
from django.shortcuts import render

from .forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """GET asks to confirm (works without JavaScript); POST signs out."""

    http_method_names = ["get", "post", "options"]
    next_page = "/"

    def get(self, request, *args, **kwargs):
        return render(request, "accounts/sign_out.html")
