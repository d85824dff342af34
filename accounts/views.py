from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from audit.access import record
from audit.models import AccessEvent

from .forms import ChinesePasswordChangeForm


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's change (which keeps this session and ends the user's others, whose password hash no
    longer matches), and the end of a forced change."""

    form_class = ChinesePasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        form.user.must_change_password = False
        response = super().form_valid(form)
        record(self.request, AccessEvent.Kind.PASSWORD_CHANGE)
        messages.success(self.request, "密码已修改。在其他设备上的登录已失效，需用新密码重新登录。")
        return response
