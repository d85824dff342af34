"""The admin's forms for a new account and a password reset: both leave a password only the admin
knows, so the user must change it at the next login."""

from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm


class NewAccountForm(AdminUserCreationForm):
    def save(self, commit=True):
        self.instance.must_change_password = True
        return super().save(commit=commit)


class PasswordResetByAdminForm(AdminPasswordChangeForm):
    def save(self, commit=True):
        self.user.must_change_password = True
        return super().save(commit=commit)
