import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Route, Routes } from "react-router";
import { Layout } from "./components/layout.tsx";
import { RequireAuth } from "./components/require-auth.tsx";
import { I18nProvider } from "./i18n.tsx";
import { DashboardPage } from "./pages/dashboard.tsx";
import { DevMailPage } from "./pages/dev-mail.tsx";
import { DevicePage } from "./pages/device.tsx";
import { DocumentPage } from "./pages/document.tsx";
import { GuidePage, GuidesPage } from "./pages/guides.tsx";
import { MyInformationPage } from "./pages/my-information.tsx";
import { NotFoundPage } from "./pages/not-found.tsx";
import { ForgotPasswordPage, ResetPasswordPage } from "./pages/password.tsx";
import { ProductPage } from "./pages/product.tsx";
import { ProductsPage } from "./pages/products.tsx";
import { RegisterPage } from "./pages/register.tsx";
import { ReviewClaimPage, ReviewQueuePage } from "./pages/review.tsx";
import { ScanPage } from "./pages/scan.tsx";
import { SignInPage } from "./pages/sign-in.tsx";
import { SignUpPage } from "./pages/sign-up.tsx";
import { SupportPage } from "./pages/support.tsx";
import { PublicConfigProvider } from "./public-config.tsx";
import { SessionProvider } from "./session.tsx";
import "./styles.css";

function App() {
  return (
    <Layout>
      <Routes>
        <Route
          path="/"
          element={
            <RequireAuth>
              <DashboardPage />
            </RequireAuth>
          }
        />
        <Route
          path="/products"
          element={
            <RequireAuth>
              <ProductsPage />
            </RequireAuth>
          }
        />
        <Route
          path="/products/register"
          element={
            <RequireAuth>
              <RegisterPage />
            </RequireAuth>
          }
        />
        <Route
          path="/products/scan"
          element={
            <RequireAuth>
              <ScanPage />
            </RequireAuth>
          }
        />
        <Route
          path="/products/:id"
          element={
            <RequireAuth>
              <ProductPage />
            </RequireAuth>
          }
        />
        <Route
          path="/me"
          element={
            <RequireAuth>
              <MyInformationPage />
            </RequireAuth>
          }
        />
        <Route
          path="/review"
          element={
            <RequireAuth>
              <ReviewQueuePage />
            </RequireAuth>
          }
        />
        <Route
          path="/review/claims/:id"
          element={
            <RequireAuth>
              <ReviewClaimPage />
            </RequireAuth>
          }
        />
        <Route
          path="/device"
          element={
            <RequireAuth>
              <DevicePage />
            </RequireAuth>
          }
        />
        <Route path="/support" element={<SupportPage />} />
        <Route path="/signin" element={<SignInPage />} />
        <Route path="/signup" element={<SignUpPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/guides" element={<GuidesPage />} />
        <Route path="/guides/:code" element={<GuidePage />} />
        <Route path="/documents/:id" element={<DocumentPage />} />
        <Route path="/dev/mail" element={<DevMailPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <BrowserRouter>
        <I18nProvider>
          <PublicConfigProvider>
            <SessionProvider>
              <App />
            </SessionProvider>
          </PublicConfigProvider>
        </I18nProvider>
      </BrowserRouter>
    </StrictMode>,
  );
}
